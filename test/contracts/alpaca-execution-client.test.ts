import { AlpacaExecutionClient } from '../../src/adapters/alpaca/alpaca-execution-client.js';
import { startSandboxRig } from './alpaca-harness.js';
import { executionClientContract } from './execution-client.contract.js';

executionClientContract('Alpaca adapter against the local Alpaca-compatible server', async () => {
  const { broker, sandbox, config } = await startSandboxRig();
  return {
    client: new AlpacaExecutionClient(config),
    advance: () => {
      broker.replay.step();
      return Promise.resolve();
    },
    close: () => sandbox.close(),
  };
});
