/** A promise's outcome as a value: the result, or the error that stopped it. */
export type Settled<T> = { value: T; error?: undefined } | { value?: undefined; error: Error }

export async function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await promise }
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }
}
