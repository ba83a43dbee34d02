import { PaperBroker } from '../../src/adapters/paper/paper-broker.js';
import { contractInstruments, contractSeries, REPLAY_START } from './contract-market.js';
import { marketDataClientContract } from './market-data-client.contract.js';

marketDataClientContract('paper feed', () => {
  const broker = new PaperBroker({
    series: contractSeries(),
    instruments: contractInstruments(),
    startAt: REPLAY_START,
  });
  return Promise.resolve({
    client: broker.marketData,
    advance: () => {
      broker.replay.step();
      return Promise.resolve();
    },
    close: () => Promise.resolve(broker.stop()),
  });
});
