// What the code writer (actlab-export.js) offers, without the writer: the
// frameworks, languages and limits the API checks and the page lists. Its own
// module so that a bundle can check arguments and name the choices while the
// writer itself loads only when code is asked for (the page), or never (the
// training Worker).
export const EXPORT_FRAMEWORKS = Object.freeze(['pytorch', 'keras', 'tfjs']);
export const EXPORT_LANGUAGES = Object.freeze(['en', 'zh']);
export const DERIVATIVE_FRAMEWORKS = Object.freeze(['pytorch', 'tensorflow']);
/** The most points derivativeCode writes into its code. */
export const MAX_DERIVATIVE_POINTS = 1000;
