/** The app embed's block handle (extensions/tandem-chat/blocks/tandem-chat.liquid). */
export const APP_EMBED_HANDLE = "tandem-chat";

/** The theme-editor deep link that opens the live theme with Tandem's app embed switched on. */
export function themeEditorUrl(shop: string, apiKey: string): string {
  return `https://${shop}/admin/themes/current/editor?context=apps&activateAppId=${encodeURIComponent(apiKey)}/${APP_EMBED_HANDLE}`;
}
