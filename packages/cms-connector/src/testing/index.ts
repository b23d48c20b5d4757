export { contentfulEmulator, startContentfulEmulator, applyWorldChanges, type ContentfulEmulator, type ContentfulEmulatorOptions } from "../contentful/testing/contentful-emulator";
export type { ContentfulSpaceState, StoredEntry, StoredContentType } from "../contentful/testing/contentful-emulator-state";
