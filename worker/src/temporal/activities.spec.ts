import { collectActivities } from './activities';

class Greeter {
  constructor(private readonly greeting: string) {}
  async greet(name: string): Promise<string> {
    return `${this.greeting}, ${name}`;
  }
  onModuleDestroy(): void {}
}

class Counter {
  count = 0;
  async increment(): Promise<number> {
    return ++this.count;
  }
}

describe('collectActivities', () => {
  it('registers every public method bound to its service, skipping lifecycle hooks', async () => {
    const activities = collectActivities([new Greeter('Hello'), new Counter()]);
    expect(Object.keys(activities).sort()).toEqual(['greet', 'increment']);
    expect(await (activities.greet as (name: string) => Promise<string>)('Ada')).toBe('Hello, Ada');
    expect(await activities.increment()).toBe(1);
  });

  it('refuses two activities with the same name', () => {
    expect(() => collectActivities([new Counter(), new Counter()])).toThrow('Activity increment is defined by two services');
  });
});
