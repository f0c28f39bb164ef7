/** A page of a cursor-paginated list: newest first, `hasMore` when another page follows. */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

/**
 * What a `list` method returns: await it for the first page, or iterate it with `for await` for every item of every
 * page (each further page is asked for with `startingAfter` = the last id of the page before).
 *
 * Nothing is requested until it is awaited or iterated; iterating after awaiting reuses the first page.
 */
export class PagePromise<T extends { id: string }> implements Promise<Page<T>>, AsyncIterable<T> {
  readonly [Symbol.toStringTag] = 'PagePromise';
  readonly #fetchPage: (startingAfter: string | undefined) => Promise<Page<T>>;
  readonly #startingAfter: string | undefined;
  #first: Promise<Page<T>> | undefined;

  constructor(fetchPage: (startingAfter: string | undefined) => Promise<Page<T>>, startingAfter?: string) {
    this.#fetchPage = fetchPage;
    this.#startingAfter = startingAfter;
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetchPage(this.#startingAfter);
    return this.#first;
  }

  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.#firstPage().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.#firstPage().finally(onfinally);
  }

  /** Every page in turn, starting with the first. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page = await this.#firstPage();
    for (;;) {
      yield page;
      const last = page.data.at(-1);
      // An empty page with hasMore would ask for the same page again: stop rather than loop.
      if (!page.hasMore || last === undefined) return;
      page = await this.#fetchPage(last.id);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}
