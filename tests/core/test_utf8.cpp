// UTF-8's byte rules and code point encoding (util/utf8.h), against the encodings RFC 3629
// gives, shared by the importers and the tables.

#include "util/utf8.h"

#include <QTest>

using namespace routescope;

namespace {

std::string encoded(unsigned long code)
{
    std::string out;
    if (!utf8::append(out, code))
        return "refused";
    return out;
}

} // namespace

class TestUtf8 : public QObject {
    Q_OBJECT

private slots:
    void codePointsEncodeAsTheStandardSays()
    {
        QCOMPARE(encoded(0x41), std::string("A"));
        QCOMPARE(encoded(0xB1), std::string("\xC2\xB1"));          // ±
        QCOMPARE(encoded(0x20AC), std::string("\xE2\x82\xAC"));    // €
        QCOMPARE(encoded(0x1F600), std::string("\xF0\x9F\x98\x80")); // an emoji, four bytes
        QCOMPARE(encoded(0x10FFFF), std::string("\xF4\x8F\xBF\xBF"));
        QCOMPARE(encoded(0xD800), std::string("refused")); // a surrogate is no character
        QCOMPARE(encoded(0x110000), std::string("refused"));
    }

    void leadAndSecondBytesFollowTheRules()
    {
        QCOMPARE(utf8::sequenceLength('a'), 1);
        QCOMPARE(utf8::sequenceLength(0xC2), 2);
        QCOMPARE(utf8::sequenceLength(0xE2), 3);
        QCOMPARE(utf8::sequenceLength(0xF0), 4);
        QCOMPARE(utf8::sequenceLength(0x80), 0); // a continuation byte starts nothing
        QCOMPARE(utf8::sequenceLength(0xC0), 0); // overlong two-byte form
        QCOMPARE(utf8::sequenceLength(0xF5), 0); // above U+10FFFF
        QVERIFY(utf8::secondByteValid(0xE2, 0x82));
        QVERIFY(!utf8::secondByteValid(0xE0, 0x80)); // overlong three-byte form
        QVERIFY(!utf8::secondByteValid(0xED, 0xA0)); // a surrogate
        QVERIFY(!utf8::secondByteValid(0xF4, 0x90)); // above U+10FFFF
        QVERIFY(!utf8::secondByteValid(0xC2, 0x41)); // not a continuation byte
    }

    void charactersAreCountedAndNeverCut()
    {
        const std::string text = "a\xC2\xB1\xE2\x82\xAC"; // "a±€": 6 bytes, 3 characters
        QCOMPARE(utf8::characterCount(text), std::size_t(3));
        QCOMPARE(std::string(utf8::prefix(text, 2)), std::string("a")); // would cut "±"
        QCOMPARE(std::string(utf8::prefix(text, 3)), std::string("a\xC2\xB1"));
        QCOMPARE(std::string(utf8::prefix(text, 5)), std::string("a\xC2\xB1"));
        QCOMPARE(std::string(utf8::prefix(text, 100)), text);
    }
};

QTEST_GUILESS_MAIN(TestUtf8)
#include "test_utf8.moc"
