// Every export of a filter module: the required ones (./abi) and all stream callbacks
// (./callbacks). A filter re-exports this module, or ./abi plus the callbacks it implements.
export * from "./abi";
export * from "./callbacks";
