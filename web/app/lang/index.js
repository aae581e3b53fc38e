// Both dictionaries at once, for Node (the tests, tools): importing this
// module gives i18n.js every string of both languages. The page does not
// import it: it loads the language it shows (i18n.js, loadLanguage).
import en from './en.js';
import zh from './zh.js';
import { provideDictionary } from '../i18n.js';

provideDictionary('en', en);
provideDictionary('zh', zh);

export const DICTIONARIES = { en, zh };
