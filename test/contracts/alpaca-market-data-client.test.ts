import { AlpacaMarketDataClient } from '../../src/adapters/alpaca/alpaca-market-data-client.js';
import { startSandboxRig } from './alpaca-harness.js';
import { marketDataClientContract } from './market-data-client.contract.js';

for (const encoding of ['msgpack', 'json'] as const) {
  marketDataClientContract(
    `Alpaca adapter against the local Alpaca-compatible server (${encoding} stream)`,
    async () => {
      const { broker, sandbox, config } = await startSandboxRig();
      return {
        client: new AlpacaMarketDataClient({ ...config, streamEncoding: encoding }),
        advance: () => {
          broker.replay.step();
          return Promise.resolve();
        },
        close: () => sandbox.close(),
      };
    },
  );
}
