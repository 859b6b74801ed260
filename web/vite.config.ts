// Two builds from one command (npm run build:web):
// 1. the app: index.html (chat, documents, evals) and embed.html (the iframe page) → web/dist
// 2. widget.js: one classic script (IIFE, React bundled) that defines <research-assistant> → web/dist/widget.js
// The dev server (scripts/dev.ts) passes its /api proxy target in; this file reads no environment.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/** After the app build, build the widget into the same folder (emptyOutDir off so the app stays). */
function widgetBuild(): Plugin {
  return {
    name: 'research-assistant-widget',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        plugins: [react()],
        // React reads process.env.NODE_ENV; library builds do not replace it on their own.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2020',
          lib: {
            entry: fileURLToPath(new URL('./src/widget/research-assistant.tsx', import.meta.url)),
            name: 'ResearchAssistant',
            formats: ['iife'],
            fileName: () => 'widget.js',
          },
        },
      });
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), widgetBuild()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        embed: fileURLToPath(new URL('./embed.html', import.meta.url)),
      },
    },
  },
});
