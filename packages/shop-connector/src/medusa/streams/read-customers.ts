import { z } from "zod";
import type { Customer, Page } from "@omnibridge/core-model";
import { mapRecords, type HandlerReadOptions } from "@omnibridge/connector-kit";
import { medusaCustomerSchema } from "../medusa-api";
import type { MedusaClient } from "../medusa-client";
import { toCustomer } from "../mappers/to-customer";
import type { MedusaMapContext } from "../mappers/medusa-context";
import { cursorCodec, medusaUpdatedPages, updatedMarkSchema } from "./medusa-keyset";
import { idOfRow } from "./read-products";
import { customerGroupKeys } from "./read-customer-groups";

const cursorSchema = z.object({ v: z.literal(1), at: updatedMarkSchema });

/**
 * Customers in keyset pages of `GET /admin/customers` by `updated_at`, with groups and addresses.
 * Joining a group does not bump a customer's `updated_at`; group changes made through this connector
 * also write the customer, so they are read again.
 * https://docs.medusajs.com/api/admin#customers_getcustomers
 */
export async function* readCustomers(client: MedusaClient, context: MedusaMapContext,
  options: HandlerReadOptions): AsyncGenerator<Page<Customer>> {
  const codec = cursorCodec(cursorSchema, context.system);
  const start = codec.decode(options.cursor)?.at ?? null;
  const groups = await customerGroupKeys(client, options.signal);
  const pages = medusaUpdatedPages(client, { path: "/admin/customers", resource: "customers",
    query: { fields: "id,email,first_name,last_name,company_name,phone,has_account,metadata,created_at,updated_at,*groups,*addresses" },
    pageSize: options.pageSize, at: start, signal: options.signal });
  for await (const page of pages) {
    const mapped = mapRecords("customer", page.rows, (row) => toCustomer(medusaCustomerSchema.parse(row), context, groups), idOfRow);
    yield { ...mapped, deleted: [], cursor: codec.encode({ v: 1, at: page.at }), hasMore: page.hasMore };
  }
}
