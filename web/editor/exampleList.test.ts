import { expect, it } from 'vitest';
import { examples } from '../../src-engine/scenarios/examples';
import { EXAMPLES } from './exampleList';

it('offers exactly the example files the site ships', () => {
  expect(EXAMPLES.map((e) => ({ file: e.file, title: e.title }))).toEqual(examples().map((e) => ({ file: e.file, title: e.title })));
});
