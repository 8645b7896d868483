import { Test, type TestingModule } from '@nestjs/testing';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { loadWorkerConfig } from '../config/worker-config';
import { WorkerModule } from '../worker.module';
import { activityServices, WORKER_ACTIVITIES, type WorkerActivities } from './activities';

/** The members of every exported `…Activities` interface of @reelrank/workflows: what workflows can call. */
function declaredActivityNames(): string[] {
  const root = resolve(__dirname, '../../../workflows/src');
  const files = [
    join(root, 'activities.ts'),
    ...readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, entry.name, 'activities.ts')),
  ].filter((file) => existsSync(file));
  const names: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith('Activities')) return;
      if (!node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return;
      for (const member of node.members) if (member.name) names.push(member.name.getText(source));
    });
  }
  return names.sort();
}

describe('worker activities', () => {
  let app: TestingModule;

  beforeAll(async () => {
    // Nothing connects until an activity runs.
    const config = loadWorkerConfig({
      DATABASE_URL: 'postgresql://reelrank@127.0.0.1:9/reelrank',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    app = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] }).compile();
  });

  afterAll(() => app.close());

  it('registers exactly the activities the workflows contracts declare, each by one service', () => {
    const registered = Object.keys(app.get<WorkerActivities>(WORKER_ACTIVITIES)).sort();
    expect(registered).toEqual(declaredActivityNames());
    const perService = activityServices.map((service) => Object.keys(app.get(service).activities()));
    expect(perService.flat().sort()).toEqual(registered);
  });

  it('runs each activity on the method of the same name of its service', async () => {
    const activities = app.get<WorkerActivities>(WORKER_ACTIVITIES) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    for (const type of activityServices) {
      const service = app.get(type) as unknown as Record<string, (input: unknown) => Promise<unknown>> & { activities(): object };
      for (const name of Object.keys(service.activities())) {
        const method = jest.spyOn(service, name).mockResolvedValue(`${name} result`);
        await expect(activities[name]({ name })).resolves.toBe(`${name} result`);
        if (activities[name].length > 0) expect(method).toHaveBeenCalledWith({ name });
        else expect(method).toHaveBeenCalledTimes(1);
      }
    }
  });
});
