/** A page of the readiness API holds PAGE_SIZE people unless its `limit` asks for fewer or more, up to MAX_PAGE_SIZE. */
export const PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 1000;
