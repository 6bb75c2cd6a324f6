import { chaosScenario } from '../support/exchange-chaos';

// One worker process delivers through a flaky partner, a flushed Redis and its own SIGKILL.
chaosScenario(1);
