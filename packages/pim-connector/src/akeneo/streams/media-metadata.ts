import type { Product } from "@omnibridge/core-model";
import { akeneoMediaFileSchema } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";

const MEDIA_PATH = /\/api\/rest\/v1\/media-files\/(.+)\/download$/;
const CACHE_LIMIT = 10_000;

/**
 * Media file metadata (`GET /media-files/{code}`: mime_type, size; https://api.akeneo.com/api-reference.html#get_media_files__code_)
 * for the assets of a page, cached by code. Opt-in (`settings.mediaMetadata`): one request per new image.
 */
export class MediaMetadata {
  private readonly cache = new Map<string, { mimeType: string | null; size: number | null }>();

  constructor(private readonly client: AkeneoClient) {}

  /** Fill `mimeType` and `sizeBytes` of the products' assets from their media files. */
  async enrich(products: Product[], signal?: AbortSignal): Promise<void> {
    const codes = new Set<string>();
    for (const product of products) for (const asset of product.assets) {
      const code = MEDIA_PATH.exec(new URL(asset.url).pathname)?.[1];
      if (code && !this.cache.has(code)) codes.add(code);
    }
    await Promise.all([...codes].map(async (code) => {
      const media = await this.client.get(`/media-files/${code.split("/").map(encodeURIComponent).join("/")}`, akeneoMediaFileSchema, signal);
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(code, { mimeType: media.mime_type ?? null, size: media.size ?? null });
    }));
    for (const product of products) for (const asset of product.assets) {
      const code = MEDIA_PATH.exec(new URL(asset.url).pathname)?.[1];
      const meta = code ? this.cache.get(code) : undefined;
      if (!meta) continue;
      if (meta.mimeType && /^[a-z]+\/[a-z0-9.+-]+$/i.test(meta.mimeType)) asset.mimeType = meta.mimeType;
      if (meta.size !== null && Number.isInteger(meta.size) && meta.size >= 0) asset.sizeBytes = meta.size;
    }
  }
}
