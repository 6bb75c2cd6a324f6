import { chaosScenario } from '../support/exchange-chaos';

// Two worker processes share the partner's queue through the same faults; one of them is killed.
chaosScenario(2);
