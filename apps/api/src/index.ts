// What other projects (the browser tests) may use of the API: build it from its dependencies.
export { createApp, sessionCookie, type App, type AppDeps } from './app';
