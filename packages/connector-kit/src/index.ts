export * from "./http-client";
export * from "./http-errors";
export * from "./retry";
export * from "./rate-limit";
export * from "./paginate";
export * from "./redact";
export * from "./stream-helpers";
export * from "./concurrency";
