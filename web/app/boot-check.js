// A classic script (not a module) that the served pages run before their
// module: when the page's code cannot start, it says why and what to do, in
// both languages at once, instead of "Loading…" forever.
//  - Opened from disk (file://): browsers refuse module scripts and fetches
//    there. Said at once, with a link to the single file that works from disk
//    (the script tag's data-single-file).
//  - In a frame sandboxed without allow-same-origin, the page's origin is
//    "null", so its own files are another origin's: they load only from a
//    server that allows any origin (scripts/serve.mjs does). Where one fails,
//    it names the two fixes.
//  - Any other failure to fetch the code: says so, with the single file.
// It also starts fetching the strings of the language the page will show
// (the script tag's data-strings, written by tools/build-page.mjs: "en:file,file
// zh:file"), chosen as the page's code will choose it (lang/choice.js), so
// they are there when that code asks, instead of fetched after it starts.
// Classic scripts run from file:// and under script-src 'self'; this one uses
// nothing newer than the browsers that run the rest need. Its strings are
// here because it runs before (or without) the dictionaries; js-tests/
// i18n.test.mjs checks that both languages have every one.
import { pageParams, pickLanguage, storedLanguage } from './lang/choice.js';

(function () {
  'use strict';
  var TEXT = {
    en: {
      file: 'Opened from a file, this page cannot run: browsers block its code there. Open the single file made for that: {file}, or serve this folder over http (./scripts/serve.sh in the ActLab repository).',
      sandbox: 'This frame is sandboxed without allow-same-origin, and the server does not let it load the code. Add allow-same-origin to the sandbox, or embed the single file: {file}.',
      code: 'The page\u2019s code could not be loaded. Reload, or use the single file: {file}.',
    },
    zh: {
      file: '直接从文件打开时，浏览器会阻止这个页面的代码运行。请打开专为此制作的单文件版本：{file}；或者通过 http 提供这个文件夹（在 ActLab 仓库中运行 ./scripts/serve.sh）。',
      sandbox: '这个框架设置了 sandbox 却没有 allow-same-origin，服务器也不允许它加载代码。请在 sandbox 中加上 allow-same-origin，或改为嵌入单文件版本：{file}。',
      code: '无法加载页面的代码。请刷新，或使用单文件版本：{file}。',
    },
  };
  var LANGS = { en: 'en', zh: 'zh-CN' };
  var script = document.currentScript;
  var single = (script && script.getAttribute('data-single-file')) || 'actlab-offline.html';

  function show(key) {
    var status = document.getElementById('status');
    var body = document.body;
    // The app may already have said more (its own failure, or ready).
    if (!status || !body || body.getAttribute('data-ready')) return;
    var progress = document.getElementById('progress');
    if (progress) progress.setAttribute('hidden', '');
    while (status.firstChild) status.removeChild(status.firstChild);
    status.setAttribute('data-error', '');
    for (var lang in TEXT) {
      var span = document.createElement('span');
      span.className = 'failure';
      span.setAttribute('lang', LANGS[lang]);
      var parts = TEXT[lang][key].split('{file}');
      span.appendChild(document.createTextNode(parts[0]));
      var link = document.createElement('a');
      link.href = single + location.search + location.hash; // the same view there (widget=, lang=, the state)
      link.textContent = single;
      span.appendChild(link);
      span.appendChild(document.createTextNode(parts[1]));
      status.appendChild(span);
    }
    body.setAttribute('data-ready', 'failed');
    body.setAttribute('data-boot-failure', key);
  }

  if (location.protocol === 'file:') {
    show('file');
    return;
  }
  var files = {};
  ((script && script.getAttribute('data-strings')) || '').split(' ').forEach(function (entry) {
    var at = entry.indexOf(':');
    if (at > 0) files[entry.slice(0, at)] = entry.slice(at + 1).split(',');
  });
  var langs = Object.keys(files);
  if (langs.length) {
    var lang = pickLanguage(langs, { requested: pageParams().get('lang'), stored: storedLanguage(), browser: navigator.languages || [] });
    files[lang].forEach(function (file) {
      var link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = file;
      document.head.appendChild(link);
    });
  }
  // A module script or a modulepreload that failed (error events do not
  // bubble, so this listens as they go down from the window).
  window.addEventListener('error', function (event) {
    var el = event.target;
    if (!el || !el.tagName) return;
    var failed = (el.tagName === 'SCRIPT' && el.type === 'module') || (el.tagName === 'LINK' && el.rel === 'modulepreload');
    if (failed) show(window.origin === 'null' ? 'sandbox' : 'code');
  }, true);
})();
