// The strings the page needs before (or without) its dictionaries: loading
// the core, and the failures shown in every language at once (the core or a
// dictionary could not load). en.js and zh.js include them; i18n.js has
// them from the start, and loads the rest of a language when it is shown.
export const BOOT = {
  en: {
    'load.progress': 'Loading the WebAssembly core… {pct}',
    'load.ready': '{count} activation functions loaded',
    'load.failed': 'The WebAssembly core could not be loaded ({detail}). Check that the page is served over http(s) or use the single-file version, and that this browser supports WebAssembly.',
    'load.noWasm': 'This browser has no WebAssembly support, which ActLab needs to compute anything.',
    'load.policy': 'This site\'s Content-Security-Policy does not allow WebAssembly ({detail}): its script-src needs \'wasm-unsafe-eval\' (docs/embedding.md). Or use the single file.',
    'embed.unknown': 'There is no widget called "{name}". Available: {list}.',
    'lang.failed': 'The other language could not be loaded ({detail}); the page stays as it is.',
  },
  zh: {
    'load.progress': '正在加载 WebAssembly 核心…{pct}',
    'load.ready': '已加载 {count} 个激活函数',
    'load.failed': '无法加载 WebAssembly 核心（{detail}）。请确认页面是通过 http(s) 打开的，或改用单文件版本，并确认浏览器支持 WebAssembly。',
    'load.noWasm': '这个浏览器不支持 WebAssembly，而 ActLab 的所有计算都依赖它。',
    'load.policy': '这个网站的内容安全策略（Content-Security-Policy）不允许 WebAssembly（{detail}）：它的 script-src 需要加上 \'wasm-unsafe-eval\'（见 docs/embedding.md）。或者改用单文件版本。',
    'embed.unknown': '没有名为“{name}”的小组件。可用的有：{list}。',
    'lang.failed': '另一种语言的文字无法加载（{detail}）；页面保持不变。',
  },
};
