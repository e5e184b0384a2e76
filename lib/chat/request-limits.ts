export const MAX_BODY_BYTES = 1_000_000;
export const MAX_MESSAGES = 200;
export const MAX_TEXT_CHARS = 32_000;
export const MAX_PARTS_PER_MESSAGE = 500;
export const MAX_ID_LENGTH = 200;
