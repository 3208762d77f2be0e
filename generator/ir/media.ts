/** Media types whose content is bytes rather than text: bodies of these types are sent and returned as binary data. */
export const BINARY_MEDIA_TYPES = /^\s*(application\/octet-stream|application\/pdf|application\/zip|image\/|audio\/|video\/)/i;
