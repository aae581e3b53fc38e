// The tutorial's chapters: file names (without .md) of docs/en/ and
// docs/zh/, in reading order. Both folders hold exactly these files, with
// the same headings, widgets and exercises in the same order (a test checks).
export const CHAPTERS = [
  '01-why-nonlinearity',
  '02-sigmoid-and-tanh',
  '03-relu-family',
  '04-smooth-functions',
  '05-output-and-softmax',
  '06-how-to-choose',
  '07-frameworks',
  '08-worked-examples',
  '09-glossary',
];
