// typescript-eslint, strict and type-checked, on the layer that decides meaning (lexicon, grammar,
// relations) and the path that reports relations. Older modules join as they are rewritten onto it.
import tseslint from 'typescript-eslint';

export const NEW_LAYER = [
  'model/relation.ts',
  'normalizers/lexicon.ts',
  'normalizers/grammar.ts',
  'normalizers/relations.ts',
  'normalizers/fact-key.ts',
  'test/fact-key.test.ts',
  'test/fact-lookups.test.ts',
  'normalizers/row-hierarchy.ts',
  'normalizers/table-words.ts',
  'normalizers/score-table.ts',
  'normalizers/self-evaluation.ts',
  'normalizers/department-name.ts',
  'normalizers/text-claims.ts',
  'test/department-name.test.ts',
  'normalizers/years.ts',
  'normalizers/phrases.ts',
  'normalizers/placeholders.ts',
  'normalizers/rates.ts',
  'normalizers/disclosure-contents.ts',
  'test/normalizer-readers.test.ts',
  'analyzers/relation-check.ts',
  'test/wordings/*.ts',
  'test/wordings.test.ts',
  'test/wordings-independent.test.ts',
  'test/lexicon.test.ts',
  'test/score-table.test.ts',
  'test/grammar-subjects.test.ts',
  'test/analyzers-lexicon.test.ts',
  'test/row-hierarchy.test.ts',
  'test/table-structure.test.ts',
  'test/table-families.test.ts',
  'test/table-levels.test.ts',
  'test/statement-identities.test.ts',
  'test/self-evaluation-sheet.test.ts',
  'test/helpers/self-evaluation-workbook.ts',
  'bench/wordings.ts',
  'pipeline/decisions/postgres.ts',
];

export default tseslint.config({
  files: NEW_LAYER,
  extends: [...tseslint.configs.strictTypeChecked],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  rules: {
    // noUncheckedIndexedAccess makes every index optional; `list[i]!` after a bounds check is the house style.
    '@typescript-eslint/no-non-null-assertion': 'off',
    // Template literals of numbers and decimals are how messages are built here.
    '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
  },
});
