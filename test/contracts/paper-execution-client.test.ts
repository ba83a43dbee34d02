import { PaperBroker } from '../../src/adapters/paper/paper-broker.js';
import { contractInstruments, contractSeries, REPLAY_START, STARTING_CASH } from './contract-market.js';
import { executionClientContract } from './execution-client.contract.js';

executionClientContract('paper broker', () => {
  const broker = new PaperBroker({
    series: contractSeries(),
    instruments: contractInstruments(),
    startingCash: STARTING_CASH,
    startAt: REPLAY_START,
  });
  return Promise.resolve({
    client: broker.execution,
    advance: () => {
      broker.replay.step();
      return Promise.resolve();
    },
    close: () => {
      broker.stop();
      return Promise.resolve();
    },
  });
});
