// A CommonJS user: require() of the ES module package (Node 20.19 / 22.12 and later).
const { createHubServer, Hub, defaultHubOptions } = require('@hubdeck/signalr-server');
const { expressHubs } = require('@hubdeck/signalr-server/express');

const loadedRedisClient = Object.keys(require.cache).some((file) => file.includes('ioredis'));
console.log(JSON.stringify({
  createHubServer: typeof createHubServer,
  hub: typeof Hub,
  expressHubs: typeof expressHubs,
  keepAliveInterval: defaultHubOptions.keepAliveInterval,
  loadedRedisClient,
}));
