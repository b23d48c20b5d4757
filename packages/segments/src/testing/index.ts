/**
 * A small fixed segment world (customers, orders in EUR/USD/GBP, rates, unit costs, definitions)
 * with known metrics as of {@link AS_OF}: for tests of code that feeds the segment engine.
 */
export { AS_OF, CUSTOMERS, DEFINITIONS_INPUT, ORDERS, RATES, costOf, order, ordersOf } from "../__fixtures__/segment-world";
