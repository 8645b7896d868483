import { ConfigError } from '@reelrank/config';
import { loadApiConfig } from './api-config';

const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  DATABASE_URL: 'postgresql://reelrank@localhost:5433/reelrank',
  S3_ACCESS_KEY_ID: 'key',
  S3_SECRET_ACCESS_KEY: 'secret',
  JWT_SECRET: 'a-jwt-secret-of-at-least-32-characters',
  ...extra,
});

describe('loadApiConfig: the retrain schedule', () => {
  it('defaults to 03:00 UTC every day', () => {
    expect(loadApiConfig(env({}))).toMatchObject({ RETRAIN_SCHEDULE_CRON: '0 3 * * *', RETRAIN_SCHEDULE_TIMEZONE: 'UTC' });
  });

  it('takes a five-field cron expression and an IANA time zone', () => {
    expect(loadApiConfig(env({ RETRAIN_SCHEDULE_CRON: ' 30 1 * * 1-5 ', RETRAIN_SCHEDULE_TIMEZONE: 'Europe/Paris' }))).toMatchObject({
      RETRAIN_SCHEDULE_CRON: '30 1 * * 1-5',
      RETRAIN_SCHEDULE_TIMEZONE: 'Europe/Paris',
    });
  });

  it.each([
    ['61 3 * * *', /RETRAIN_SCHEDULE_CRON: .*"61 3 \* \* \*"/],
    ['0 3 * *', /RETRAIN_SCHEDULE_CRON: must be a cron expression of five fields/],
    ['0 0 3 * * *', /RETRAIN_SCHEDULE_CRON: must be a cron expression of five fields/],
    ['nightly', /RETRAIN_SCHEDULE_CRON: /],
  ])('refuses the cron expression %j naming the variable', (cron, message) => {
    expect(() => loadApiConfig(env({ RETRAIN_SCHEDULE_CRON: cron }))).toThrow(ConfigError);
    expect(() => loadApiConfig(env({ RETRAIN_SCHEDULE_CRON: cron }))).toThrow(message);
  });

  it('refuses an unknown time zone naming the variable', () => {
    expect(() => loadApiConfig(env({ RETRAIN_SCHEDULE_TIMEZONE: 'Mars/Olympus' }))).toThrow(
      /RETRAIN_SCHEDULE_TIMEZONE: must be an IANA time zone/,
    );
  });
});
