import { type GqlData, TestApi } from './support/test-api';

const ADMIN = { email: 'new-user-admin@reelrank.test', password: 'admin-password-1' };
const FIGURES = 'likedPrecisionAtK likedNdcgAtK dislikedShare blockbusterShare coverage users';
const VERSION = `query($v: String!) { modelVersion(version: $v) { version newUser {
  k groups profileSize minRatings likedMin dislikedMax eligibleUsers
  product { ${FIGURES} } popularity { ${FIGURES} } explicitByPrediction { ${FIGURES} } activeModelVersion activeModel { ${FIGURES} }
} } }`;

const figures = (likedPrecisionAtK: number) => ({
  likedPrecisionAtK,
  likedNdcgAtK: 0.41,
  dislikedShare: 0.012,
  blockbusterShare: 0.35,
  coverage: 0.15,
  users: 310,
});
const protocol = { k: 10, groups: 5, profileSize: 10, minRatings: 40, likedMin: 4, dislikedMax: 2, eligibleUsers: 330 };

describe('ModelVersion.newUser over GraphQL', () => {
  let api: TestApi;
  let admin: string;

  const insertVersion = (version: string, metrics: object) =>
    api.sql(
      `INSERT INTO model_versions (version, status, workflow_id, storage_prefix, params, metrics, data_counts, timings, snapshot_at)
       VALUES ($1, 'READY', $2, $3, '{}', $4, '{}', '{}', now())`,
      [version, `retrain-${version}`, `models/${version}/`, metrics],
    );

  beforeAll(async () => {
    api = await TestApi.start({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    admin = (await api.gql(`mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`, { input: ADMIN })).data!.logIn
      .accessToken as string;
    const newUser = {
      ...protocol,
      seed: 42,
      skipped: null,
      product: figures(0.39),
      popularity: figures(0.36),
      explicitByPrediction: figures(0.23),
    };
    await insertVersion('nu-1', { newUser });
    await insertVersion('nu-2', { newUser, baseline: { version: 'nu-1', newUser: { ...newUser, product: figures(0.38) } } });
    await insertVersion('nu-old', { summary: { explicitRmse: 0.86, implicitNdcgAtK: 0.3 } });
  });

  afterAll(async () => {
    await api?.close();
  });

  const newUserOf = async (version: string) => {
    const { data, errors } = await api.gql(VERSION, { v: version }, admin);
    expect(errors).toBeUndefined();
    return (data!.modelVersion as GqlData).newUser;
  };

  it('serves the figures as typed objects: the product next to popularity and explicit-by-prediction', async () => {
    expect(await newUserOf('nu-1')).toEqual({
      ...protocol,
      product: figures(0.39),
      popularity: figures(0.36),
      explicitByPrediction: figures(0.23),
      activeModelVersion: null,
      activeModel: null,
    });
    expect(await newUserOf('nu-2')).toMatchObject({ activeModelVersion: 'nu-1', activeModel: figures(0.38) });
  });

  it('is null for a version trained before the new-user protocol', async () => {
    expect(await newUserOf('nu-old')).toBeNull();
  });
});
