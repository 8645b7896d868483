import type { ApolloServerPlugin } from '@apollo/server';
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * GraphiQL served whole by the API, so that it works offline and under the strict Content-Security-Policy
 * (@nestjs/apollo's own page loads React and GraphiQL from unpkg and starts them with an inline script).
 * GraphiQL 3's bundle expects React 18 and ReactDOM as globals: their UMD builds come from the api workspace's
 * own react@18 and react-dom@18 (the web app's React is another version).
 */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Renders GraphiQL into #graphiql, querying the URL in its data-url attribute. */
const START_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('graphiql');
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: root.dataset.url }),
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: true,
    }),
  );
})();
`;

const FILES: Record<string, string> = {
  'react.production.min.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};
const START_FILE = 'start.js';

/** Where GraphiQL's files are served: under the GraphQL path, which every deployment (nginx included) routes to the API. */
export const graphiqlAssetsPath = (graphqlPath: string) => `${graphqlPath}/graphiql`;

/** Browsers cache the files for a day (they change only with the installed packages). */
const MAX_AGE_SECONDS = 86_400;

/** The page Apollo serves to browsers at the GraphQL path: no inline script, every file from this origin. */
export function graphiqlPage(graphqlPath: string): string {
  const assets = graphiqlAssetsPath(graphqlPath);
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>GraphiQL</title>
    <style>
      body { height: 100%; margin: 0; width: 100%; overflow: hidden; }
      #graphiql { height: 100vh; }
    </style>
    <link rel="stylesheet" href="${assets}/graphiql.min.css" />
  </head>
  <body>
    <div id="graphiql" data-url="${graphqlPath}">Loading…</div>
    <script src="${assets}/react.production.min.js"></script>
    <script src="${assets}/react-dom.production.min.js"></script>
    <script src="${assets}/graphiql.min.js"></script>
    <script src="${assets}/${START_FILE}"></script>
  </body>
</html>
`;
}

/** Apollo's landing page: GraphiQL (only one plugin may render it; @nestjs/apollo's `graphiql` option stays off). */
export function graphiqlLandingPage(graphqlPath: string): ApolloServerPlugin {
  const html = graphiqlPage(graphqlPath);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}

/** Serves GraphiQL's files under graphiqlAssetsPath(graphqlPath); any other file there is a 404. */
export function graphiqlAssets(graphqlPath: string) {
  const prefix = `${graphiqlAssetsPath(graphqlPath)}/`;
  const files = new Map(Object.entries(FILES).map(([name, path]) => [name, { path, bytes: statSync(path).size }]));
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    const name = (req.originalUrl ?? req.url ?? '').split('?')[0].slice(prefix.length);
    const file = files.get(name);
    if (name !== START_FILE && !file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const contentType = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
    if (!file) {
      res.end(START_SCRIPT);
      return;
    }
    res.setHeader('Content-Length', file.bytes);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    pipeline(createReadStream(file.path), res).catch(() => res.destroy());
  };
}
