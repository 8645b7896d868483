import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import { ratingsFromTriplets, trainExplicit, trainImplicit, USER_SIDE_FILES } from '@reelrank/recommender';
import { createS3Client } from '../src/s3';
import { testS3Settings } from '@reelrank/testing';
import { ensureBuckets } from '../../stack/src';
import { ObjectStorage } from '../src/object-storage';
import { ModelStore } from '../src/model-store';

describe('ModelStore (real MinIO)', () => {
  const settings = testS3Settings;

  it('round-trips both models and the manifest of a version', async () => {
    await ensureBuckets(createS3Client(settings()), ['model-store']);
    const storage = new ObjectStorage(settings(), 'model-store');
    const store = new ModelStore(storage);
    const users = [1, 1, 1, 2, 2, 3, 3, 3];
    const items = [10, 20, 30, 10, 30, 20, 30, 40];
    const values = [5, 3, 4, 4, 5, 2, 4, 3];
    const ratings = ratingsFromTriplets(users, items, values);
    const explicit = await trainExplicit(ratings, { rank: 2, iterations: 3 });
    const implicit = await trainImplicit(ratings, { rank: 2, iterations: 3 });

    await store.save(
      'v-test',
      { explicit, implicit },
      { params: { rank: 2 }, metrics: { rmse: 0.9 }, dataCounts: { ratings: 8 }, timings: {} },
    );
    const loaded = await store.load('v-test');

    expect(loaded.manifest).toMatchObject({ version: 'v-test', metrics: { rmse: 0.9 }, dataCounts: { ratings: 8 } });
    expect(Array.from(loaded.explicit.itemIds)).toEqual(Array.from(explicit.itemIds));
    expect(Array.from(loaded.implicit.userIds)).toEqual(Array.from(implicit.userIds));
    Array.from(loaded.explicit.itemFactors).forEach((value, index) => expect(value).toBeCloseTo(explicit.itemFactors[index], 5));
    storage.onApplicationShutdown();
  });

  it('loads a version for serving without its user side, never reading those files', async () => {
    await ensureBuckets(createS3Client(settings()), ['model-store']);
    const storage = new ObjectStorage(settings(), 'model-store');
    const store = new ModelStore(storage);
    const ratings = ratingsFromTriplets([1, 1, 2, 2, 3], [10, 20, 10, 30, 20], [5, 3, 4, 4, 2]);
    const explicit = await trainExplicit(ratings, { rank: 2, iterations: 2 });
    const implicit = await trainImplicit(ratings, { rank: 2, iterations: 2 });
    await store.save('v-serving', { explicit, implicit }, { params: {}, metrics: {}, dataCounts: {}, timings: {} });
    const userFiles = ['explicit', 'implicit'].flatMap((kind) =>
      USER_SIDE_FILES.map((name) => ({ Key: `models/v-serving/${kind}/${name}` })),
    );
    await storage.client.send(new DeleteObjectsCommand({ Bucket: storage.bucket, Delete: { Objects: userFiles } }));

    const loaded = await store.load('v-serving', { users: false });

    expect(loaded.explicit.userFactors).toHaveLength(0);
    expect(loaded.implicit.userIds).toHaveLength(0);
    expect(loaded.explicit.userBias).toHaveLength(0);
    expect(Array.from(loaded.implicit.itemIds)).toEqual(Array.from(implicit.itemIds));
    expect(Array.from(loaded.explicit.itemBias)).toEqual(Array.from(explicit.itemBias, Math.fround));
    await expect(store.load('v-serving')).rejects.toThrow();
    storage.onApplicationShutdown();
  });
});
