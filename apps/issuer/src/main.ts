import 'reflect-metadata';
import { runService } from '#service-kit';
import { createIssuerApp } from './issuer.app.js';
import { loadIssuerConfig } from './issuer.config.js';

await runService('Issuer', async () => {
  const config = loadIssuerConfig();
  const app = await createIssuerApp(config);
  await app.listen(config.port, config.host);
  return app;
});
