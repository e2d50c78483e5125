/**
 * The independent wording generator (test/wordings/independent.ts): the same families as
 * test/wordings.test.ts in other vocabulary, templates and printing, 200 cases each here and 5,000 in
 * `npm run bench -- wordings`. It guards against a grammar fitted to one generator's sentences.
 */
import { INDEPENDENT_FAMILIES } from './wordings/independent.js';
import { wordingSuite } from './wordings/suite.js';

wordingSuite('wording families, independent generator', INDEPENDENT_FAMILIES);
