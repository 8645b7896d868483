/**
 * Turns activity services into the plain `{ name: fn }` object Temporal registers, binding each
 * public method so activities keep their injected dependencies. Method names become activity
 * names (readable in the Temporal UI) and must be unique across services.
 */
export function collectActivities(services: object[]): Record<string, (...args: never[]) => Promise<unknown>> {
  const activities: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const service of services) {
    const prototype = Object.getPrototypeOf(service) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = prototype[name];
      if (name === 'constructor' || typeof method !== 'function' || name.startsWith('on')) continue;
      if (name in activities) throw new Error(`Activity ${name} is defined by two services`);
      activities[name] = (method as (...args: never[]) => Promise<unknown>).bind(service);
    }
  }
  return activities;
}
