/** The registry of `wasmlet` subcommands: one import and one list entry per command. */
import type { Command } from './command.js';
import { demo } from './demo.js';
import { run } from './run.js';
import { inspect } from './inspect.js';
import { sim } from './sim.js';
import { budget } from './budget.js';
import { proxy } from './proxy.js';
import { keygen } from './keygen.js';
import { deploy } from './deploy.js';
import { fleet } from './fleet.js';
import { newProject } from './new.js';
import { broker } from './broker.js';
import { record } from './record.js';
import { dashboard } from './dashboard.js';

export const COMMANDS: readonly Command[] = [demo, run, inspect, sim, budget, proxy, keygen, deploy, fleet, newProject, broker, record, dashboard];
