// npm run dev: the API (server/main.ts start(), without building web/dist) plus the Vite dev server with hot
// reload, which proxies /api and /docs to the API. Open the URL Vite prints.
import path from 'node:path';
import { createServer, type Plugin } from 'vite';
import { loadConfig } from '../server/config.js';
import { start } from '../server/main.js';

const DEV_PORT = 5173;

/** /embed is a page of its own (embed.html); Vite's SPA fallback would serve index.html for it. */
const embedRoute: Plugin = {
  name: 'embed-route',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url === '/embed' || req.url?.startsWith('/embed?')) req.url = req.url.replace('/embed', '/embed.html');
      next();
    });
  },
};

async function main() {
  const config = loadConfig();
  await start({ buildWeb: false });
  const api = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const vite = await createServer({
    configFile: path.join(config.ROOT, 'web', 'vite.config.ts'),
    plugins: [embedRoute],
    server: {
      port: DEV_PORT,
      // Keep the browser's Host header: the API treats a request whose Origin matches Host as same-origin.
      proxy: { '/api': { target: api, changeOrigin: false }, '/docs': { target: api, changeOrigin: false } },
    },
  });
  await vite.listen();
  vite.printUrls();
  console.log(`  API: ${api}  (the widget, /widget.js, is only in the production build: npm run build:web && npm start)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
