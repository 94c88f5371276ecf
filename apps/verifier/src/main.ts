import 'reflect-metadata';
import { runService } from '#service-kit';
import { createVerifierApp } from './verifier.app.js';
import { loadVerifierConfig } from './verifier.config.js';

await runService('Verifier', async () => {
  const config = loadVerifierConfig();
  const app = await createVerifierApp(config);
  await app.listen(config.port, config.host);
  return app;
});
