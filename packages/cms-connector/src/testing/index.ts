export { contentfulEmulator, startContentfulEmulator, type ContentfulEmulator, type ContentfulEmulatorOptions } from "../contentful/testing/contentful-emulator";
export type { ContentfulSpaceState, StoredEntry, StoredContentType } from "../contentful/testing/contentful-emulator-state";
export { wordpressEmulator, startWordpressEmulator, type WordpressEmulator, type WordpressEmulatorOptions } from "../wordpress/testing/wordpress-emulator";
export type { WordpressSiteState, EmulatedPost } from "../wordpress/testing/wordpress-emulator-state";
