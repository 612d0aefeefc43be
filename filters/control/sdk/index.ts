/** The control SDK: device ABI v1 bindings, timing helpers and a PID controller. */
export * from "./dev";
export * from "./pid";
export * from "./timing";
