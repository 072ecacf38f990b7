import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['.tmp/**', 'dist/**', 'node_modules/**', 'coverage/**', 'examples/**', '**/target/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off'
    }
  },
  {
    // The pure core must stay free of runner state so it can be tested and benchmarked alone.
    files: ['src/coverage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'src/coverage is pure: no @actions imports' }
          ]
        }
      ]
    }
  }
)
