// The few small functions the demo model can write, each in every language it knows. Honest
// about its limits: an unknown topic gets the word counter, and the answer says so.

export type CodeLanguage = "typescript" | "javascript" | "python" | "go" | "rust";

export const languageNames: Record<CodeLanguage, string> = {
  typescript: "TypeScript",
  javascript: "JavaScript",
  python: "Python",
  go: "Go",
  rust: "Rust",
};

export type CodeSample = {
  /** Matches questions about this topic. */
  topic: RegExp;
  /** What the function does, to complete "a small … function that …". */
  summary: string;
  /** Why it is written the way it is. */
  note: string;
  example: string;
  code: Record<CodeLanguage, string>;
};

const reverseString: CodeSample = {
  topic: /\brevers/iu,
  summary: "reverses a string",
  note: "It works on code points rather than UTF-16 units or bytes, so accented letters and emoji stay intact.",
  example: "`Parley` becomes `yelraP`.",
  code: {
    typescript: `/** Reverses a string by code points, so emoji and accented letters stay intact. */
export function reverseString(text: string): string {
  return Array.from(text).reverse().join("");
}

console.log(reverseString("Parley")); // "yelraP"`,
    javascript: `/** Reverses a string by code points, so emoji and accented letters stay intact. */
export function reverseString(text) {
  return Array.from(text).reverse().join("");
}

console.log(reverseString("Parley")); // "yelraP"`,
    python: `def reverse_string(text: str) -> str:
    """Reverses a string; slicing works on code points."""
    return text[::-1]


print(reverse_string("Parley"))  # "yelraP"`,
    go: `// ReverseString reverses a string by runes, so multi-byte characters stay intact.
func ReverseString(text string) string {
	runes := []rune(text)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}`,
    rust: `/// Reverses a string by Unicode scalar values.
fn reverse_string(text: &str) -> String {
    text.chars().rev().collect()
}

fn main() {
    println!("{}", reverse_string("Parley")); // "yelraP"
}`,
  },
};

const isPalindrome: CodeSample = {
  topic: /palindrom/iu,
  summary: "checks whether a text is a palindrome",
  note: "It ignores case, spaces and punctuation, as people do when they read a palindrome.",
  example: "`A man, a plan, a canal: Panama` is one.",
  code: {
    typescript: `/** True when the text reads the same both ways, ignoring case, spaces and punctuation. */
export function isPalindrome(text: string): boolean {
  const letters = Array.from(text.toLowerCase().replace(/[^\\p{L}\\p{N}]/gu, ""));
  return letters.join("") === letters.reverse().join("");
}

console.log(isPalindrome("A man, a plan, a canal: Panama")); // true`,
    javascript: `/** True when the text reads the same both ways, ignoring case, spaces and punctuation. */
export function isPalindrome(text) {
  const letters = Array.from(text.toLowerCase().replace(/[^\\p{L}\\p{N}]/gu, ""));
  return letters.join("") === letters.reverse().join("");
}

console.log(isPalindrome("A man, a plan, a canal: Panama")); // true`,
    python: `def is_palindrome(text: str) -> bool:
    """True when the text reads the same both ways, ignoring case, spaces and punctuation."""
    letters = [c for c in text.lower() if c.isalnum()]
    return letters == letters[::-1]


print(is_palindrome("A man, a plan, a canal: Panama"))  # True`,
    go: `import (
	"strings"
	"unicode"
)

// IsPalindrome reports whether text reads the same both ways, ignoring case, spaces and punctuation.
func IsPalindrome(text string) bool {
	var letters []rune
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters = append(letters, r)
		}
	}
	for i, j := 0, len(letters)-1; i < j; i, j = i+1, j-1 {
		if letters[i] != letters[j] {
			return false
		}
	}
	return true
}`,
    rust: `/// True when the text reads the same both ways, ignoring case, spaces and punctuation.
fn is_palindrome(text: &str) -> bool {
    let letters: Vec<char> = text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    letters.iter().eq(letters.iter().rev())
}`,
  },
};

const fibonacci: CodeSample = {
  topic: /fibonacci|\bfib\b/iu,
  summary: "returns the n-th Fibonacci number",
  note: "It iterates instead of recursing, so it runs in linear time and constant memory.",
  example: "the 50th Fibonacci number is 12586269025.",
  code: {
    typescript: `/** The n-th Fibonacci number (0, 1, 1, 2, 3, 5, ...), exact at any size thanks to bigint. */
export function fibonacci(n: number): bigint {
  let [previous, current] = [0n, 1n];
  for (let i = 0; i < n; i++) [previous, current] = [current, previous + current];
  return previous;
}

console.log(fibonacci(50)); // 12586269025n`,
    javascript: `/** The n-th Fibonacci number (0, 1, 1, 2, 3, 5, ...), exact at any size thanks to BigInt. */
export function fibonacci(n) {
  let [previous, current] = [0n, 1n];
  for (let i = 0; i < n; i++) [previous, current] = [current, previous + current];
  return previous;
}

console.log(fibonacci(50)); // 12586269025n`,
    python: `def fibonacci(n: int) -> int:
    """The n-th Fibonacci number (0, 1, 1, 2, 3, 5, ...)."""
    previous, current = 0, 1
    for _ in range(n):
        previous, current = current, previous + current
    return previous


print(fibonacci(50))  # 12586269025`,
    go: `// Fibonacci returns the n-th Fibonacci number (0, 1, 1, 2, 3, 5, ...); it fits a uint64 up to n = 93.
func Fibonacci(n int) uint64 {
	var previous, current uint64 = 0, 1
	for i := 0; i < n; i++ {
		previous, current = current, previous+current
	}
	return previous
}`,
    rust: `/// The n-th Fibonacci number (0, 1, 1, 2, 3, 5, ...); fits a u128 up to n = 185.
fn fibonacci(n: u32) -> u128 {
    let (mut previous, mut current) = (0u128, 1u128);
    for _ in 0..n {
        (previous, current) = (current, previous + current);
    }
    previous
}`,
  },
};

const factorial: CodeSample = {
  topic: /factorial/iu,
  summary: "computes a factorial",
  note: "Factorials outgrow ordinary integers quickly, so it uses big or wide integers where the language has them.",
  example: "20! is 2432902008176640000.",
  code: {
    typescript: `/** n! exactly, with bigint so that large results keep every digit. */
export function factorial(n: number): bigint {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a non-negative integer");
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) result *= i;
  return result;
}

console.log(factorial(20)); // 2432902008176640000n`,
    javascript: `/** n! exactly, with BigInt so that large results keep every digit. */
export function factorial(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a non-negative integer");
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) result *= i;
  return result;
}

console.log(factorial(20)); // 2432902008176640000n`,
    python: `def factorial(n: int) -> int:
    """n! for a non-negative integer n; Python integers never overflow."""
    if n < 0:
        raise ValueError("n must be non-negative")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


print(factorial(20))  # 2432902008176640000`,
    go: `import "math/big"

// Factorial returns n! as a big.Int, so large results stay exact.
func Factorial(n int64) *big.Int {
	return new(big.Int).MulRange(1, n)
}`,
    rust: `/// n! as a u128; fits up to n = 34.
fn factorial(n: u32) -> u128 {
    (1..=n as u128).product()
}`,
  },
};

const isPrime: CodeSample = {
  topic: /\bprimes?\b/iu,
  summary: "checks whether a number is prime",
  note: "Trial division up to the square root is plenty for numbers of everyday size.",
  example: "97 is prime and 91 (7 × 13) is not.",
  code: {
    typescript: `/** True for prime numbers, by trial division up to the square root. */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let divisor = 2; divisor * divisor <= n; divisor++) {
    if (n % divisor === 0) return false;
  }
  return true;
}

console.log(isPrime(97)); // true`,
    javascript: `/** True for prime numbers, by trial division up to the square root. */
export function isPrime(n) {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let divisor = 2; divisor * divisor <= n; divisor++) {
    if (n % divisor === 0) return false;
  }
  return true;
}

console.log(isPrime(97)); // true`,
    python: `def is_prime(n: int) -> bool:
    """True for prime numbers, by trial division up to the square root."""
    if n < 2:
        return False
    divisor = 2
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 1
    return True


print(is_prime(97))  # True`,
    go: `// IsPrime reports whether n is prime, by trial division up to its square root.
func IsPrime(n int) bool {
	if n < 2 {
		return false
	}
	for divisor := 2; divisor*divisor <= n; divisor++ {
		if n%divisor == 0 {
			return false
		}
	}
	return true
}`,
    rust: `/// True for prime numbers, by trial division up to the square root.
fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut divisor = 2;
    while divisor * divisor <= n {
        if n % divisor == 0 {
            return false;
        }
        divisor += 1;
    }
    true
}`,
  },
};

const countWords: CodeSample = {
  topic: /\bwords?\b/iu,
  summary: "counts the words in a text",
  note: "A word is a run of letters, digits and apostrophes, so punctuation does not count as words.",
  example: "`Hello, Parley! How's it going?` has 5 words.",
  code: {
    typescript: `/** Counts the words in a text: runs of letters, digits and apostrophes. */
export function countWords(text: string): number {
  return text.match(/[\\p{L}\\p{N}']+/gu)?.length ?? 0;
}

console.log(countWords("Hello, Parley! How's it going?")); // 5`,
    javascript: `/** Counts the words in a text: runs of letters, digits and apostrophes. */
export function countWords(text) {
  return text.match(/[\\p{L}\\p{N}']+/gu)?.length ?? 0;
}

console.log(countWords("Hello, Parley! How's it going?")); // 5`,
    python: `import re


def count_words(text: str) -> int:
    """Counts the words in a text: runs of letters, digits and apostrophes."""
    return len(re.findall(r"[\\w']+", text))


print(count_words("Hello, Parley! How's it going?"))  # 5`,
    go: `import "strings"

// CountWords counts the words in a text, split on whitespace.
func CountWords(text string) int {
	return len(strings.Fields(text))
}`,
    rust: `/// Counts the words in a text, split on whitespace.
fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}`,
  },
};

/** In order of precedence: "reverse the words" is about reversing. */
export const codeSamples: readonly CodeSample[] = [reverseString, isPalindrome, fibonacci, factorial, isPrime, countWords];

/** What the demo model writes when it knows no function for the topic. */
export const fallbackCodeSample: CodeSample = countWords;
