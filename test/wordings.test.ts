/**
 * Property tests of the clause grammar: for each wording family, generated cases (200 per family
 * here, 5,000 in `npm run bench -- wordings`) must come out exactly right. See test/wordings/.
 */
import { FAMILIES } from './wordings/families.js';
import { wordingSuite } from './wordings/suite.js';

wordingSuite('wording families', FAMILIES);
