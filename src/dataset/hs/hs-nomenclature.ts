// The 96 chapters of the Harmonized System: 01 to 97, chapter 77 being reserved for future use.
const HS_CHAPTERS: readonly string[] = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')).filter(
  (chapter) => chapter !== '77',
);

const SUBHEADING = /^[0-9]{6}$/;

/**
 * A version of the HS nomenclature: either the full list of six-digit subheadings, or, when no list is
 * configured, the chapters alone (`shapeOnly`), so that a check can still catch an impossible chapter.
 */
export class HsNomenclature {
  private constructor(
    readonly version: string,
    private readonly subheadings: ReadonlySet<string> | null,
    private readonly chapters: ReadonlySet<string>,
  ) {}

  /** A full nomenclature from its six-digit subheadings. */
  static fromSubheadings(version: string, codes: Iterable<string>): HsNomenclature {
    const subheadings = new Set<string>();
    for (const code of codes) {
      if (!SUBHEADING.test(code)) throw new Error(`not a six-digit HS subheading: ${code}`);
      subheadings.add(code);
    }
    const chapters = new Set([...subheadings].map((code) => code.slice(0, 2)));
    return new HsNomenclature(version, subheadings, chapters);
  }

  /** Knows only the HS chapters (01-97 without 77); used when no subheading list is configured. */
  static shapeOnly(version = 'HS-CHAPTERS'): HsNomenclature {
    return new HsNomenclature(version, null, new Set(HS_CHAPTERS));
  }

  /** True when only chapters are known, so `has` cannot be asked. */
  get isShapeOnly(): boolean {
    return this.subheadings === null;
  }

  /** Number of six-digit subheadings (0 when shape-only). */
  get size(): number {
    return this.subheadings?.size ?? 0;
  }

  /** Whether the six-digit subheading exists; false for every code when shape-only. */
  has(code6: string): boolean {
    return this.subheadings?.has(code6) ?? false;
  }

  chapterExists(chapter: string): boolean {
    return this.chapters.has(chapter);
  }

  get chapterCount(): number {
    return this.chapters.size;
  }
}
