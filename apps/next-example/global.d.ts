// Next's ambient types (CSS imports, next/image) for `tsc --noEmit`, without the generated next-env.d.ts.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
