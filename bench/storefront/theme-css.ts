/**
 * The fixture theme's theme.css: the hand-written components (theme/base.css) plus what a theme of
 * this kind generates from its settings — the design tokens, five colour schemes and a utility layer
 * (visibility per breakpoint, grid columns, spacing, text) — about 70 KB, like Dawn's base.css.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BASE = fileURLToPath(new URL("./theme/base.css", import.meta.url));

const SCHEMES: [string, string, string, string, string][] = [
  // background, foreground, button, button text, badge
  ["255,255,255", "18,18,18", "18,18,18", "255,255,255", "18,18,18"],
  ["243,243,243", "18,18,18", "18,18,18", "243,243,243", "18,18,18"],
  ["36,40,51", "255,255,255", "255,255,255", "0,0,0", "255,255,255"],
  ["18,18,18", "255,255,255", "255,255,255", "18,18,18", "255,255,255"],
  ["51,79,180", "255,255,255", "255,255,255", "51,79,180", "255,255,255"],
];

const BREAKPOINTS: [string, string | null][] = [
  ["", null],
  ["small--", "screen and (max-width:749px)"],
  ["large-up--", "screen and (min-width:990px)"],
];

function tokens(): string {
  return `:root{--alpha-button-background:1;--alpha-button-border:1;--alpha-link:.85;--alpha-badge-border:.1;--duration-short:.1s;--duration-default:.2s;--duration-announcement-bar:250ms;--duration-medium:.3s;--duration-long:.5s;--duration-extra-long:.6s;--duration-extra-longer:.75s;--duration-extended:3s;--ease-out-slow:cubic-bezier(0,0,.3,1);--animation-slide-in:slideIn var(--duration-extra-long) var(--ease-out-slow) forwards;--animation-fade-in:fadeIn var(--duration-extra-long) var(--ease-out-slow);--buttons-radius-outset:0px;--buttons-border-width:1px;--buttons-border-opacity:1;--buttons-shadow-opacity:0;--buttons-shadow-visible:0;--buttons-shadow-horizontal-offset:0px;--buttons-shadow-vertical-offset:4px;--buttons-shadow-blur-radius:5px;--buttons-border-offset:0px;--inputs-border-width:1px;--inputs-border-opacity:.55;--inputs-shadow-opacity:0;--inputs-shadow-horizontal-offset:0px;--inputs-margin-offset:0px;--inputs-shadow-vertical-offset:4px;--inputs-shadow-blur-radius:5px;--inputs-radius-outset:0px;--variant-pills-border-width:1px;--variant-pills-border-opacity:.55;--variant-pills-shadow-opacity:0;--popup-border-width:1px;--popup-border-opacity:.1;--popup-corner-radius:0px;--popup-shadow-opacity:.05;--popup-shadow-horizontal-offset:0px;--popup-shadow-vertical-offset:4px;--popup-shadow-blur-radius:5px;--badge-corner-radius:4rem;--drawer-border-width:1px;--drawer-border-opacity:.1;--drawer-shadow-opacity:0;--image-padding:0px;--text-alignment:left}
@keyframes slideIn{0%{transform:translateY(2rem);opacity:.01}to{transform:translateY(0);opacity:1}}
@keyframes fadeIn{0%{opacity:.01}to{opacity:1}}
@keyframes spin{0%{transform:rotate(0)}to{transform:rotate(360deg)}}
@keyframes appear-down{0%{opacity:0;margin-top:-1rem}to{opacity:1;margin-top:0}}
`;
}

function schemes(): string {
  let css = "";
  SCHEMES.forEach(([bg, fg, button, buttonText, badge], i) => {
    const sel = `.color-scheme-${i + 1}`;
    css += `:root${i === 0 ? "," : ""}${i === 0 ? sel : ""}${i === 0 ? "" : sel}{--color-background:${bg};--gradient-background:rgb(${bg});--color-foreground:${fg};--color-background-contrast:${bg};--color-shadow:${fg};--color-button:${button};--color-button-text:${buttonText};--color-secondary-button:${bg};--color-secondary-button-text:${fg};--color-link:${fg};--color-badge-foreground:${fg};--color-badge-background:${bg};--color-badge-border:${badge};--payment-terms-background-color:rgb(${bg})}\n`;
    css += `${sel} .button--secondary,${sel}.button--secondary{--color-button:${bg};--color-button-text:${fg};--alpha-button-background:0}\n`;
    css += `${sel} .button--tertiary,${sel}.button--tertiary{--color-button:${fg};--color-button-text:${fg};--alpha-button-background:0;--alpha-button-border:.2}\n`;
    css += `${sel} .gradient,${sel}.gradient{background:rgb(var(--color-background));background-attachment:fixed}\n`;
    css += `${sel} ::selection{background-color:rgba(${fg},.2)}\n`;
    css += `${sel} .field__input:focus,${sel} .select__select:focus{box-shadow:0 0 0 calc(.1rem + var(--inputs-border-width)) rgba(${fg});outline:0}\n`;
    css += `${sel} .badge{background-color:rgb(${badge});color:rgb(${bg});border-color:rgba(${badge},.1)}\n`;
    css += `${sel} .link--text,${sel} a.link{color:rgb(${fg})}\n`;
    css += `${sel} .price-item--sale{color:rgb(${fg})}\n`;
    css += `${sel} .card__information .card__heading{color:rgb(${fg})}\n`;
  });
  return css;
}

function utilities(): string {
  const parts: string[] = [];
  for (const [prefix, media] of BREAKPOINTS) {
    const block: string[] = [];
    const push = (body: string) => block.push(prefix ? body.replace(/^\./, `.${prefix}`) : body);
    // display and visibility
    for (const d of ["none", "block", "inline-block", "inline", "flex", "inline-flex", "grid", "contents"])
      push(`.d-${d}{display:${d}!important}`);
    // flexbox
    for (const [k, v] of [
      ["row", "row"],
      ["column", "column"],
      ["row-reverse", "row-reverse"],
      ["column-reverse", "column-reverse"],
    ])
      push(`.flex-${k}{flex-direction:${v}!important}`);
    for (const v of ["start", "end", "center", "between", "around", "evenly"]) {
      const value = v === "start" || v === "end" ? `flex-${v}` : v === "center" ? "center" : `space-${v}`;
      push(`.justify-${v}{justify-content:${value}!important}`);
      push(`.align-content-${v}{align-content:${value}!important}`);
    }
    for (const v of ["start", "end", "center", "baseline", "stretch"]) {
      const value = v === "start" || v === "end" ? `flex-${v}` : v;
      push(`.align-items-${v}{align-items:${value}!important}`);
      push(`.align-self-${v}{align-self:${value}!important}`);
    }
    for (const v of ["wrap", "nowrap", "wrap-reverse"]) push(`.flex-${v}{flex-wrap:${v}!important}`);
    for (let n = 0; n <= 5; n++) {
      push(`.flex-grow-${n}{flex-grow:${n}!important}`);
      push(`.flex-shrink-${n}{flex-shrink:${n}!important}`);
      push(`.order-${n}{order:${n}!important}`);
    }
    // grid columns
    for (let cols = 1; cols <= 6; cols++) {
      push(
        `.grid--${cols}-col .grid__item{width:calc(${(100 / cols).toFixed(3)}% - var(--grid-desktop-horizontal-spacing) * ${cols - 1} / ${cols});max-width:calc(${(100 / cols).toFixed(3)}% - var(--grid-desktop-horizontal-spacing) * ${cols - 1} / ${cols})}`,
      );
      push(`.grid-template-${cols}{grid-template-columns:repeat(${cols},minmax(0,1fr))!important}`);
      for (let span = 1; span <= cols; span++) push(`.col-${span}-of-${cols}{grid-column:span ${span}/span ${span}}`);
    }
    // spacing scale: 0, .4rem … 8rem
    const scale = [0, 0.4, 0.8, 1.2, 1.6, 2, 2.4, 3.2, 4, 4.8, 5.6, 6.4, 8];
    const sides: [string, string[]][] = [
      ["", [""]],
      ["t", ["-top"]],
      ["r", ["-right"]],
      ["b", ["-bottom"]],
      ["l", ["-left"]],
      ["x", ["-left", "-right"]],
      ["y", ["-top", "-bottom"]],
    ];
    for (const [short, property] of [
      ["m", "margin"],
      ["p", "padding"],
    ] as const) {
      for (const [side, props] of sides) {
        scale.forEach((value, step) => {
          push(
            `.${short}${side}-${step}{${props.map((p) => `${property}${p}:${value ? `${value}rem` : 0}!important`).join(";")}}`,
          );
        });
      }
    }
    for (let step = 0; step <= 8; step++) push(`.gap-${step}{gap:${step * 0.4}rem!important}`);
    // text
    for (const a of ["left", "center", "right", "justify"]) push(`.text-${a}{text-align:${a}!important}`);
    for (const [k, v] of [
      ["uppercase", "text-transform:uppercase"],
      ["lowercase", "text-transform:lowercase"],
      ["capitalize", "text-transform:capitalize"],
      ["nowrap", "white-space:nowrap"],
      ["truncate", "overflow:hidden;text-overflow:ellipsis;white-space:nowrap"],
      ["break", "word-break:break-word;overflow-wrap:anywhere"],
    ])
      push(`.text-${k}{${v}!important}`);
    for (let w = 1; w <= 9; w++) push(`.fw-${w * 100}{font-weight:${w * 100}!important}`);
    [1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2, 2.4, 3, 3.6, 4, 4.8].forEach((s, i) =>
      push(`.fs-${i}{font-size:${s}rem!important}`),
    );
    // widths
    for (const pct of [10, 20, 25, 30, 33, 40, 50, 60, 66, 70, 75, 80, 90, 100])
      push(`.w-${pct}{width:${pct === 33 ? 33.333 : pct === 66 ? 66.667 : pct}%!important}`);
    for (const r of ["auto", "square", "portrait", "landscape", "wide"]) {
      const value = { auto: "auto", square: "1/1", portrait: "4/5", landscape: "4/3", wide: "16/9" }[r];
      push(`.aspect-${r}{aspect-ratio:${value}!important}`);
    }
    const css = block.join("\n");
    parts.push(media ? `@media ${media}{\n${css}\n}` : css);
  }
  // the named visibility helpers the theme's templates use
  parts.push(`@media screen and (max-width:749px){.small-hide{display:none!important}}
@media screen and (min-width:750px) and (max-width:989px){.medium-hide{display:none!important}}
@media screen and (min-width:990px){.large-up-hide{display:none!important}}
.no-js-hidden{}
.no-js .no-js-hidden{display:none!important}
.hidden{display:none!important}`);
  return parts.join("\n");
}

let cached: string | undefined;

export function themeCss(): string {
  cached ??= `${tokens()}${schemes()}${readFileSync(BASE, "utf8")}\n${utilities()}\n`;
  return cached;
}
