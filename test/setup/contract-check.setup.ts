import { afterAll } from 'vitest';
import { takeContractBreaches } from '../../src-hub/testing/contract-recorder';

// The contract check (issue 23): once a test file is done, any request or answer of its test hubs that the
// OpenAPI document does not describe fails the file, each breach naming its route.
afterAll(() => {
  const breaches = takeContractBreaches();
  if (breaches.length > 0) {
    throw new Error(`The hub answered outside its OpenAPI document (${breaches.length}):\n- ${breaches.join('\n- ')}`);
  }
});
