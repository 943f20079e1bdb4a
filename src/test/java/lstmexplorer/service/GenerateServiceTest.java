package lstmexplorer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GenerateServiceTest {
    @Test
    void expectedIsTheRestOfTheSequenceAfterWhatThePrefixAlreadyHas() {
        assertEquals("bbb\n", GenerateService.expected("counter", "aaaX"));
        assertEquals("bb\n", GenerateService.expected("counter", "aaaXb"));
        assertNull(GenerateService.expected("counter", "aaa"), "the delimiter is not there yet");
        assertNull(GenerateService.expected("counter", "aaaXbbbb"), "the prefix is already wrong");
        assertNull(GenerateService.expected("counter", "aaaXbbb\n"), "nothing left to generate");
        assertNull(GenerateService.expected(null, "aaaX"), "unknown task");
        assertEquals("abc\n", GenerateService.expected("copy_machine", "abcX"));
    }

    @Test
    void firstWrongIsWhereTheContinuationLeavesTheExpectedOne() {
        assertNull(GenerateService.firstWrong("bbb\n", "bbb\n", "end"));
        assertEquals(2, GenerateService.firstWrong("bb\n", "bbb\n", "end"), "stopped too early");
        assertEquals(3, GenerateService.firstWrong("bbbb\n", "bbb\n", "end"), "went on too long");
        assertEquals(1, GenerateService.firstWrong("bab\n", "bbb\n", "end"));
        assertNull(GenerateService.firstWrong("bb", "bbb\n", "cap"), "right so far, only capped");
        assertNull(GenerateService.firstWrong("bbb\n", null, "end"));
    }
}
