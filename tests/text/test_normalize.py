"""Text normalisation for speech: what is said for numbers, dates, money, abbreviations and URLs, and the
spans back into the original text (properties with hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.text.normalize import normalize

# One table per category: (written, en-US reading, en-GB reading). American English reads numbers without
# "and" ("four hundred twelve"); British English with it. Dates follow the region's order and reading.
CATEGORIES: dict[str, list[tuple[str, str, str]]] = {
    "weekdays and months": [
        (
            "Due Tue. 2 Sept. at noon",
            "Due Tuesday, September second at noon",
            "Due Tuesday, the second of September at noon",
        ),
        (
            "Open Mon, Wed and Fri. Sun is out",
            "Open Monday, Wednesday and Friday. Sun is out",
            "Open Monday, Wednesday and Friday. Sun is out",
        ),
        ("Open Thurs 14 Nov", "Open Thursday, November fourteenth", "Open Thursday, the fourteenth of November"),
        ("Closed in Aug and in Oct.", "Closed in August and in October.", "Closed in August and in October."),
        ("On Jan 5th we left", "On January fifth we left", "On the fifth of January we left"),
    ],
    "times": [
        ("Meet at 9:30 am", "Meet at nine thirty AM", "Meet at nine thirty AM"),
        ("Meet at 9:05 p.m. Then go.", "Meet at nine oh five PM. Then go.", "Meet at nine oh five PM. Then go."),
        ("Meet at 3pm", "Meet at three PM", "Meet at three PM"),
        (
            "Trains at 17:45 and 18:00",
            "Trains at seventeen forty five and eighteen hundred",
            "Trains at seventeen forty five and eighteen hundred",
        ),
        ("Lunch at 12:00", "Lunch at twelve o'clock", "Lunch at twelve noon"),
        (
            "At 6:00 PM EST; 10:00 CEST, 9 a.m. AST and 5 p.m. NZDT.",
            "At six PM E-S-T; ten o'clock C-E-S-T, nine AM A-S-T and five PM N-Z-D-T.",
            "At six PM E-S-T; ten o'clock C-E-S-T, nine AM A-S-T and five PM N-Z-D-T.",
        ),
    ],
    "dates": [
        (
            "Born 7 August 2024.",
            "Born August seventh, twenty twenty four.",
            "Born the seventh of August, twenty twenty four.",
        ),
        (
            "Born August 7, 2024.",
            "Born August seventh, twenty twenty four.",
            "Born the seventh of August, twenty twenty four.",
        ),
        (
            "Born 2024-08-07.",
            "Born August seventh, twenty twenty four.",
            "Born the seventh of August, twenty twenty four.",
        ),
        (
            "Born 07/08/2024.",
            "Born July eighth, twenty twenty four.",
            "Born the seventh of August, twenty twenty four.",
        ),
        (
            "Born 25/12/2005.",
            "Born December twenty fifth, two thousand five.",
            "Born the twenty fifth of December, two thousand and five.",
        ),
        (
            "GDP grew in 2Q; 1Q24, 3QFY25 and 1H 2025, 2Q'24 sales and a 4Q lead",
            "GDP grew in the second quarter; first quarter twenty four, third quarter FY twenty five and first half "
            "twenty twenty five, second quarter twenty four sales and a fourth quarter lead",
            "GDP grew in the second quarter; first quarter twenty four, third quarter FY twenty five and first half "
            "twenty twenty five, second quarter twenty four sales and a fourth quarter lead",
        ),
    ],
    "ordinals": [
        (
            "The 21st time and the 103rd",
            "The twenty first time and the one hundred third",
            "The twenty first time and the one hundred and third",
        ),
        (
            "Seven A*s and two 9s; rolled three 6s, two 10s; wait 5s; run two 30s sprints",
            "Seven A stars and two nines; rolled three sixes, two tens; wait five seconds; run two thirty second "
            "sprints",
            "Seven A stars and two nines; rolled three sixes, two tens; wait five seconds; run two thirty second "
            "sprints",
        ),
    ],
    "ranges": [
        ("From 1990-95", "From nineteen ninety to ninety five", "From nineteen ninety to ninety five"),
        (
            "The 1861-65 war, the 1914–1918 war, 1990-95 kg",
            "The eighteen sixty one to sixty five war, the nineteen fourteen to nineteen eighteen war, one thousand "
            "nine hundred ninety to ninety five kilograms",
            "The eighteen sixty one to sixty five war, the nineteen fourteen to nineteen eighteen war, one thousand "
            "nine hundred and ninety to ninety five kilograms",
        ),
        ("Add 10-12 kg", "Add ten to twelve kilograms", "Add ten to twelve kilograms"),
        ("Read pages 4-7", "Read pages four to seven", "Read pages four to seven"),
        ("Heat to 40–60°C", "Heat to forty to sixty degrees Celsius", "Heat to forty to sixty degrees Celsius"),
        (
            "The 2019-20 season, the 1999-00 campaign, in 2019-20 and 1899-00",
            "The twenty nineteen twenty season, the nineteen ninety nine two thousand campaign, in twenty nineteen to "
            "twenty and eighteen ninety nine to nineteen hundred",
            "The twenty nineteen twenty season, the nineteen ninety nine two thousand campaign, in twenty nineteen to "
            "twenty and eighteen ninety nine to nineteen hundred",
        ),
    ],
    "fractions": [
        ("Add 3/4 cup", "Add three quarters of a cup", "Add three quarters of a cup"),
        (
            "Scored 98/100; 9/10 dentists and 3/5 people agree, 2/3 of voters too; a 60/40 split",
            "Scored ninety eight out of one hundred; nine out of ten dentists and three out of five people agree, two "
            "thirds of voters too; a sixty forty split",
            "Scored ninety eight out of one hundred; nine out of ten dentists and three out of five people agree, two "
            "thirds of voters too; a sixty forty split",
        ),
        (
            "1/25 of the cost, 1/64 of an inch, 11/12 of it, 15/16 inch; 98/100 in the test",
            "one twenty fifth of the cost, one sixty fourth of an inch, eleven twelfths of it, fifteen sixteenths of "
            "an inch; ninety eight out of one hundred in the test",
            "one twenty fifth of the cost, one sixty fourth of an inch, eleven twelfths of it, fifteen sixteenths of "
            "an inch; ninety eight out of one hundred in the test",
        ),
        (
            "The 2023/24 season, FY24/25, from Mar 2021; Sept 2019 – Jan 2020",
            "The twenty twenty three twenty four season, F-Y twenty four twenty five, from March twenty twenty one; "
            "September twenty nineteen to January twenty twenty",
            "The twenty twenty three twenty four season, F-Y twenty four twenty five, from March twenty twenty one; "
            "September twenty nineteen to January twenty twenty",
        ),
        (
            "The 9/11 attacks, a 50-50 chance, aged 65+, Rm. 12",
            "The nine eleven attacks, a fifty fifty chance, aged sixty five plus, Room twelve",
            "The nine eleven attacks, a fifty fifty chance, aged sixty five plus, Room twelve",
        ),
        (
            "Rated 4.5/5; open 7 days/wk, 3 times/day",
            "Rated four point five out of five; open seven days a week, three times a day",
            "Rated four point five out of five; open seven days a week, three times a day",
        ),
        (
            "Walk 1/2 mile in 1/2 hour with 1/3 cup and 1 1/2 tsp, 2/3 of voters",
            "Walk half a mile in half an hour with a third of a cup and one and a half teaspoons, two thirds of voters",
            "Walk half a mile in half an hour with a third of a cup and one and a half teaspoons, two thirds of voters",
        ),
        (
            "Add 1 1/2 cups and 2⅓ spoons",
            "Add one and a half cups and two and a third spoons",
            "Add one and a half cups and two and a third spoons",
        ),
        (
            "Open 24/7, 2/5 of them",
            "Open twenty four seven, two fifths of them",
            "Open twenty four seven, two fifths of them",
        ),
    ],
    "decimals, negatives, percentages": [
        (
            "It fell to -5 or -3.25 today",
            "It fell to minus five or minus three point two five today",
            "It fell to minus five or minus three point two five today",
        ),
        (
            "Up 15% and 0.5 percent",
            "Up fifteen percent and zero point five percent",
            "Up fifteen percent and zero point five percent",
        ),
        (
            "It is 2,480 now",
            "It is two thousand four hundred eighty now",
            "It is two thousand four hundred and eighty now",
        ),
        (
            "2.3K likes, 1.5M people",
            "two point three thousand likes, one point five million people",
            "two point three thousand likes, one point five million people",
        ),
        (
            "Light is 3e8 m/s, q is 1.6E-19, a rate of 1e-4; Room 4E3; N is 6.0221E23",
            "Light is three times ten to the power of eight meters per second, q is one point six times ten to the "
            "power of minus nineteen, a rate of one times ten to the power of minus four; Room four E three; N is six "
            "point zero two two one times ten to the power of twenty three",
            "Light is three times ten to the power of eight metres per second, q is one point six times ten to the "
            "power of minus nineteen, a rate of one times ten to the power of minus four; Room four E three; N is six "
            "point zero two two one times ten to the power of twenty three",
        ),
    ],
    "money": [
        (
            "It costs $412.75.",
            "It costs four hundred twelve dollars and seventy five cents.",
            "It costs four hundred and twelve dollars and seventy five cents.",
        ),
        ("A $2.5M deal", "A two point five million dollar deal", "A two point five million dollar deal"),
        (
            "Pay £3.50 or €1",
            "Pay three pounds fifty or one euro",
            "Pay three pounds fifty or one euro",
        ),
        (
            "£24.99, £3.05 or €31.50",  # a price in pounds as it is said; pence under ten, and euros, in full
            "twenty four pounds ninety nine, three pounds and five pence or thirty one euros and fifty cents",
            "twenty four pounds ninety nine, three pounds and five pence or thirty one euros and fifty cents",
        ),
        (
            "Only $0.99 or 100 USD",
            "Only ninety nine cents or one hundred dollars",
            "Only ninety nine cents or one hundred dollars",
        ),
        ("A $1,006 fee", "A one thousand six dollar fee", "A one thousand and six dollar fee"),
        (
            "the $7,500 credit, a $2M deal",
            "the seven thousand five hundred dollar credit, a two million dollar deal",
            "the seven thousand five hundred dollar credit, a two million dollar deal",
        ),
    ],
    "units": [
        (
            "It is 5km away at 60 mph",
            "It is five kilometers away at sixty miles per hour",
            "It is five kilometres away at sixty miles per hour",
        ),
        (
            "Set 72°F or 20 °C",
            "Set seventy two degrees Fahrenheit or twenty degrees Celsius",
            "Set seventy two degrees Fahrenheit or twenty degrees Celsius",
        ),
        (
            "Add 1 ml, 250 ml and 1 kg",
            "Add one milliliter, two hundred fifty milliliters and one kilogram",
            "Add one millilitre, two hundred and fifty millilitres and one kilogram",
        ),
        (
            "A 1,200 sq ft flat at 90 km/h",
            "A one thousand two hundred square foot flat at ninety kilometers per hour",
            "A one thousand two hundred square foot flat at ninety kilometres per hour",
        ),
        (
            "A 5 mg/mL solution, a 2 mg/kg dose and 95 mg/dL",
            "A five milligram per milliliter solution, a two milligram per kilogram dose and ninety five milligrams "
            "per deciliter",
            "A five milligram per millilitre solution, a two milligram per kilogram dose and ninety five milligrams "
            "per decilitre",
        ),
    ],
    "phone numbers": [
        (
            "Call (555) 123-4567 now",
            "Call five five five, one two three, four five six seven now",
            "Call five five five, one two three, four five six seven now",
        ),
        (
            "Call +44 20 7946 0958",
            "Call plus four four, two zero, seven nine four six, zero nine five eight",
            "Call plus four four, two oh, seven nine four six, oh nine five eight",
        ),
        (
            "Call +44 (0)20 7946 0958 or +44 (0) 7700 900123",
            "Call plus four four, two zero, seven nine four six, zero nine five eight or plus four four, seven seven "
            "zero zero, nine zero zero one two three",
            "Call plus four four, two oh, seven nine four six, oh nine five eight or plus four four, seven seven oh "
            "oh, nine oh oh one two three",
        ),
    ],
    "emails and URLs": [
        (
            "Visit https://www.example.com/docs now",
            "Visit W W W dot example dot com slash docs now",
            "Visit W W W dot example dot com slash docs now",
        ),
        (
            "Mail john.doe@example.org today",
            "Mail john dot doe at example dot org today",
            "Mail john dot doe at example dot org today",
        ),
        (
            "Its MAC is 00:1A:2B:3c:4d:5e, the other's aa-bb-cc-dd-ee-f0.",
            "Its M-A-C is zero zero, one A, two B, three C, four D, five E, the other's A A, B B, C C, D D, E E, F "
            "zero.",
            "Its M-A-C is oh oh, one A, two B, three C, four D, five E, the other's A A, B B, C C, D D, E E, F oh.",
        ),
        (
            "Re: your order, FW: notes (re: the fee); Are: you",
            "Regarding your order, Forwarded: notes (regarding the fee); Are: you",
            "Regarding your order, Forwarded: notes (regarding the fee); Are: you",
        ),
    ],
    "roman numerals": [
        (
            "Henry VIII met Elizabeth II",
            "Henry the eighth met Elizabeth the second",
            "Henry the eighth met Elizabeth the second",
        ),
        ("Read Chapter IV of Part I", "Read Chapter four of Part one", "Read Chapter four of Part one"),
        ("After World War II, I left", "After World War two, I left", "After World War two, I left"),
        (
            "Then Malcolm X spoke to Washington DC",
            "Then Malcolm X spoke to Washington D-C",
            "Then Malcolm X spoke to Washington D-C",
        ),
    ],
    "acronyms and initialisms": [
        ("NASA and NATO met the FBI", "Nasa and Nato met the F-B-I", "Nasa and Nato met the F-B-I"),
        (
            "The CEOs of IBM, the AP and the FAA",
            "The CEOs of I-B-M, the A-P and the F-A-A",
            "The CEOs of I-B-M, the A-P and the F-A-A",
        ),
        ("A new XQZT and ZORBA", "A new XQZT and Zorba", "A new XQZT and Zorba"),
        ("THIS IS LOUD", "THIS IS LOUD", "THIS IS LOUD"),
        (
            "Tees in sizes XS-XXL and S-3XL, not S-M; a 2 pk. for $20; the Oilers won in OT, an OT session",
            "Tees in sizes X-S to X-X-L and S to three X-L, not S-M; a two pack for twenty dollars; the Oilers won in "
            "overtime, an O-T session",
            "Tees in sizes X-S to X-X-L and S to three X-L, not S-M; a two pack for twenty dollars; the Oilers won in "
            "overtime, an O-T session",
        ),
    ],
    "titles": [
        (
            "Dr. Smith lives on Main St. today",
            "Doctor Smith lives on Main Street today",
            "Doctor Smith lives on Main Street today",
        ),
        (
            "St. Mary and Mr. Jones, e.g. them",
            "Saint Mary and Mister Jones, for example them",
            "Saint Mary and Mister Jones, for example them",
        ),
        (
            "Okafor of 18 Elm St. Then Prof. Lee",
            "Okafor of eighteen Elm Street. Then Professor Lee",
            "Okafor of eighteen Elm Street. Then Professor Lee",
        ),
        ("apples, pears, etc. The end", "apples, pears, et cetera. The end", "apples, pears, et cetera. The end"),
    ],
    "symbols": [
        (
            "Rock & roll, 2 + 2 = 4",
            "Rock and roll, two plus two equals four",
            "Rock and roll, two plus two equals four",
        ),
        (
            "Room #3 and No. 7, @ home, #launch",
            "Room number three and number seven, at home, hashtag launch",
            "Room number three and number seven, at home, hashtag launch",
        ),
        (
            "Five ways to save $$$ now. Link in bio ⬇️ and hit 👍",
            "Five ways to save money now. Link in bio and hit",
            "Five ways to save money now. Link in bio and hit",
        ),
    ],
    "scores and ratios": [
        (
            "They won 3-2 and lost 1-0",
            "They won three to two and lost one to zero",
            "They won three two and lost one nil",
        ),
        (
            "A 16:9 screen, a 3:1 ratio",
            "A sixteen to nine screen, a three to one ratio",
            "A sixteen to nine screen, a three to one ratio",
        ),
        (
            "Rated 4.5/5 and 9/10; net 30/60/90 days, a 50/30/20 budget and 4/5, 9/10; open 24/7",
            "Rated four point five out of five and nine out of ten; net thirty, sixty, ninety days, a fifty, thirty, "
            "twenty budget and four fifths, nine tenths; open twenty four seven",
            "Rated four point five out of five and nine out of ten; net thirty, sixty, ninety days, a fifty, thirty, "
            "twenty budget and four fifths, nine tenths; open twenty four seven",
        ),
        (
            "The Chiefs (11-2) beat the 9-4 Bills 27-24 and went 12-2; a 10-3 record, won 3-2 at home, 3-4 days",
            "The Chiefs (eleven and two) beat the nine and four Bills twenty seven to twenty four and went twelve and "
            "two; a ten and three record, won three to two at home, three to four days",
            "The Chiefs (eleven and two) beat the nine and four Bills twenty seven to twenty four and went twelve and "
            "two; a ten and three record, won three two at home, three to four days",
        ),
    ],
    "ranges of days and times": [
        (
            "Open Mon.-Fri. 8:45 a.m.-6 PM, Sat 10am–2pm",
            "Open Monday to Friday eight forty five AM to six PM, Saturday ten AM to two PM",
            "Open Monday to Friday eight forty five AM to six PM, Saturday ten AM to two PM",
        ),
        ("Jan.-Mar. and 9-5", "January to March and nine to five", "January to March and nine to five"),
    ],
    "units as adjectives": [
        (
            "A 2.5 kg lamp, the 0.75 L bottle, 5 km of road; the 5 kg were heavy",
            "A two point five kilogram lamp, the zero point seven five liter bottle, five kilometers of road; "
            "the five kilograms were heavy",
            "A two point five kilogram lamp, the zero point seven five litre bottle, five kilometres of road; "
            "the five kilograms were heavy",
        ),
        (
            "The 2.5-kg bag, a 10-ft pole, a 3-in nail, a 24-h shop but a 2-in-1 laptop",
            "The two point five kilogram bag, a ten foot pole, a three inch nail, a twenty four hour shop but a "
            "two-in-one laptop",
            "The two point five kilogram bag, a ten foot pole, a three inch nail, a twenty four hour shop but a "
            "two-in-one laptop",
        ),
        (
            "60 mph winds, 15 kn gusts and 20 kts winds; at 60 mph towards it",
            "sixty mile per hour winds, fifteen knot gusts and twenty knot winds; at sixty miles per hour towards it",
            "sixty mile per hour winds, fifteen knot gusts and twenty knot winds; at sixty miles per hour towards it",
        ),
        (
            "The pilot pulled 9g and sustained 4.5g for 10 s; add up to 9g of salt",
            "The pilot pulled nine G's and sustained four point five G's for ten seconds; add up to nine grams of salt",
            "The pilot pulled nine G's and sustained four point five G's for ten seconds; add up to nine grams of salt",
        ),
    ],
    "ratios against times": [
        (
            "A ratio of about 13:12; we left at 13:12",
            "A ratio of about thirteen to twelve; we left at thirteen twelve",
            "A ratio of about thirteen to twelve; we left at thirteen twelve",
        ),
    ],
    "years and plain numbers": [
        (
            "In 1066 King Harold fell; 1024 bytes",
            "In ten sixty six King Harold fell; one thousand twenty four bytes",
            "In ten sixty six King Harold fell; one thousand and twenty four bytes",
        ),
        (
            "In 1905, the 1990s and 2005",
            "In nineteen oh five, the nineteen nineties and two thousand five",
            "In nineteen oh five, the nineteen nineties and two thousand and five",
        ),
        (
            "We sold 1500 units in 2024.",
            "We sold one thousand five hundred units in twenty twenty four.",
            "We sold one thousand five hundred units in twenty twenty four.",
        ),
    ],
    # Rules added after a probe of text no benchmark contains (2026-12-03): each wrong before
    "rulers by name": [
        (
            "Henry V, John Paul I. Charles I of England; Louis XVI; when I met Charles I smiled; Malcolm X",
            "Henry the fifth, John Paul the first. Charles the first of England; Louis the sixteenth; when I met "
            "Charles I smiled; Malcolm X",
            "Henry the fifth, John Paul the first. Charles the first of England; Louis the sixteenth; when I met "
            "Charles I smiled; Malcolm X",
        ),
    ],
    "spaced units": [
        (
            "Add 250 g of sugar, run the 100 m sprint, a 5 l can; 30 mpg at 3000 rpm; he is 6 ft 2 in tall; "
            "2 in 3 people; Plan B got 3 g",
            "Add two hundred fifty grams of sugar, run the one hundred meter sprint, a five liter can; thirty miles "
            "per gallon at three thousand revolutions per minute; he is six feet two inches tall; two in three "
            "people; Plan B got three grams",
            "Add two hundred and fifty grams of sugar, run the one hundred metre sprint, a five litre can; thirty "
            "miles per gallon at three thousand revolutions per minute; he is six feet two inches tall; two in "
            "three people; Plan B got three grams",
        ),
        (
            "A 90 dB siren, 60 fps video, 120 bpm, 5000 mAh and 100 Mbps",
            "A ninety decibel siren, sixty frames per second video, one hundred twenty beats per minute, five "
            "thousand milliamp hours and one hundred megabits per second",
            "A ninety decibel siren, sixty frames per second video, one hundred and twenty beats per minute, five "
            "thousand milliamp hours and one hundred megabits per second",
        ),
    ],
    "versions and addresses": [
        (
            "Update to v4.2.1 or 10.15.7; host 192.168.0.12; Apt. 3, Ste. 200; ext. 45",
            "Update to version four point two point one or ten point fifteen point seven; host one ninety two dot "
            "one sixty eight dot zero dot twelve; Apartment three, Suite two hundred; extension forty five",
            "Update to version four point two point one or ten point fifteen point seven; host one ninety two dot "
            "one sixty eight dot zero dot twelve; Apartment three, Suite two hundred; extension forty five",
        ),
        (
            "At 400 W. 5th St., by a 60 W. bulb",
            "At four hundred West fifth Street, by a sixty watt bulb",
            "At four hundred West fifth Street, by a sixty watt bulb",
        ),
    ],
    "service numbers and weekend days": [
        (
            "Call 911, dial 999 or text 211; 911 cars. Closed Sat & Sun, open Fri/Sat; the sun sat low",
            "Call nine one one, dial nine nine nine or text two one one; nine hundred eleven cars. Closed Saturday "
            "and Sunday, open Friday or Saturday; the sun sat low",
            "Call nine one one, dial nine nine nine or text two one one; nine hundred and eleven cars. Closed "
            "Saturday and Sunday, open Friday or Saturday; the sun sat low",
        ),
    ],
    "states, ZIP codes and compass points": [
        (
            "Austin, TX 78701; Omaha, NE 68102-4410; Chicago, IL and Portland, OR. ZIP 10001-2345. Yes, OK. "
            "Jane Doe, MD, said",
            "Austin, Texas seven eight seven zero one; Omaha, Nebraska six eight one zero two, four four one zero; "
            "Chicago, Illinois and Portland, Oregon. Zip one zero zero zero one, two three four five. Yes, okay. Jane "
            "Doe, M-D, said",
            "Austin, Texas seven eight seven oh one; Omaha, Nebraska six eight one oh two, four four one oh; Chicago, "
            "Illinois and Portland, Oregon. Zip one oh oh oh one, two three four five. Yes, okay. Jane Doe, M-D, said",
        ),
        (
            "18 N. Elm St., 42 W. Oak Ave., George W. Bush; NW winds 50 mi SE of town",
            "eighteen North Elm Street, forty two West Oak Avenue, George W Bush; northwest winds fifty miles "
            "southeast of town",
            "eighteen North Elm Street, forty two West Oak Avenue, George W Bush; northwest winds fifty miles "
            "southeast of town",
        ),
    ],
    "heights, multiples and deals": [
        (
            "He is 6'2\" and she is 5' 11\"; 3x faster, 2x the price, x2 speed, a 2-for-1 deal, a 3x4 grid",
            "He is six foot two and she is five foot eleven; three times faster, two times the price, times two "
            "speed, a two-for-one deal, a three by four grid",
            "He is six foot two and she is five foot eleven; three times faster, two times the price, times two "
            "speed, a two-for-one deal, a three by four grid",
        ),
    ],
    "more dates": [
        (
            "On the 3rd of March, on 2024/03/04, on 14-Nov-2024, Nov 14-16, 2024, on Wed. 12/3 and by 9/11; cut by 1/3",
            "On the third of March, on March fourth, twenty twenty four, on November fourteenth, twenty twenty "
            "four, November fourteenth to sixteenth, twenty twenty four, on Wednesday December third and by "
            "September eleventh; cut by one third",
            "On the third of March, on the fourth of March, twenty twenty four, on the fourteenth of November, "
            "twenty twenty four, the fourteenth to the sixteenth of November, twenty twenty four, on Wednesday "
            "the twelfth of March and by the ninth of November; cut by one third",
        ),
    ],
    "more times": [
        (
            "At 12:00 noon, at 5.30pm, open 3-5 pm, at 0800 hours and at 1430 hrs; 1400 hours of work",
            "At twelve noon, at five thirty PM, open three to five PM, at oh eight hundred hours and at fourteen "
            "thirty hours; one thousand four hundred hours of work",
            "At twelve noon, at five thirty PM, open three to five PM, at oh eight hundred hours and at fourteen "
            "thirty hours; one thousand four hundred hours of work",
        ),
    ],
    "dotted units, signs and short decades": [
        (
            "It weighs 5 lbs. total, 12 in. long, 2 fl. oz. of oil at 72 ºF; ~5 km away, <5% fat; $5-10 each; "
            "1.5M people; in the mid-1990s, in the 60s, a 60s timeout; Hawks vs Bulls, w/ cheese, w/o salt",
            "It weighs five pounds total, twelve inches long, two fluid ounces of oil at seventy two degrees "
            "Fahrenheit; about five kilometers away, less than five percent fat; five to ten dollars each; one "
            "point five million people; in the mid-nineteen nineties, in the sixties, a sixty second timeout; "
            "Hawks versus Bulls, with cheese, without salt",
            "It weighs five pounds total, twelve inches long, two fluid ounces of oil at seventy two degrees "
            "Fahrenheit; about five kilometres away, less than five percent fat; five to ten dollars each; one "
            "point five million people; in the mid-nineteen nineties, in the sixties, a sixty second timeout; "
            "Hawks versus Bulls, with cheese, without salt",
        ),
    ],
    "rates, titles and abbreviations": [
        (
            "Pays $52K/yr, $90/night; 3 doz. eggs, 60 mos, 3 hrs 45 mins, 1/4 tsp. salt; 10M users; Apt. 4B, "
            "3rd fl.; Supt. Brown, Atty. Gen. Smith; up 7.5% YoY in Q2 2024; 1600 Pennsylvania Ave. NW, "
            "Washington, DC 20500",
            "Pays fifty two thousand dollars a year, ninety dollars a night; three dozen eggs, sixty months, "
            "three hours forty five minutes, a quarter of a teaspoon of salt; ten million users; Apartment "
            "four B, third floor; Superintendent Brown, Attorney General Smith; up seven point five percent "
            "year over year in Q two twenty twenty four; sixteen hundred Pennsylvania Avenue northwest, "
            "Washington, DC two zero five zero zero",
            "Pays fifty two thousand dollars a year, ninety dollars a night; three dozen eggs, sixty months, "
            "three hours forty five minutes, a quarter of a teaspoon of salt; ten million users; Apartment "
            "four B, third floor; Superintendent Brown, Attorney General Smith; up seven point five percent "
            "year over year in Q two twenty twenty four; sixteen hundred Pennsylvania Avenue northwest, "
            "Washington, DC two oh five oh oh",
        ),
        (
            "Save 25%-40%, $5-$10 or 5°-10°; it was -5",
            "Save twenty five percent to forty percent, five dollars to ten dollars or five degrees to ten degrees; "
            "it was minus five",
            "Save twenty five percent to forty percent, five dollars to ten dollars or five degrees to ten degrees; "
            "it was minus five",
        ),
    ],
    "race times, circa, stops and day-over-twelve dates": [
        (
            "Born c. 1850; ran 1:05:32 and 2:10:00; 2 goals vs. Spain, e.g. at home; the U.S. Army; E. 14th St.; "
            "shipped 3/14 and 14/3; 7/20 done; open 24/7",
            "Born circa eighteen fifty; ran one oh five thirty two and two ten flat; two goals versus Spain, for "
            "example at home; the US Army; East fourteenth Street; shipped March fourteenth and fourteen over "
            "three; seven out of twenty done; open twenty four seven",
            "Born circa eighteen fifty; ran one oh five thirty two and two ten flat; two goals versus Spain, for "
            "example at home; the US Army; East fourteenth Street; shipped the fourteenth of March and the fourteenth "
            "of March; seven out of twenty done; open twenty four seven",
        ),
    ],
    "local phone numbers": [
        (
            "Call 555-0187 or 555-1234; pages 250-1200",
            "Call five five five, zero one eight seven or five five five, one two three four; pages two hundred "
            "fifty to one thousand two hundred",
            "Call five five five, oh one eight seven or five five five, one two three four; pages two hundred and "
            "fifty to one thousand two hundred",
        ),
    ],
    "signs, temperatures without degrees, inch marks": [
        (
            "It rose +5 degrees, +3.5% on the day; C++ too",
            "It rose plus five degrees, plus three point five percent on the day; C plus plus too",
            "It rose plus five degrees, plus three point five percent on the day; C plus plus too",
        ),
        (
            "It was 25C outside and -4F at night; seat 14C, gate 12F",
            "It was twenty five degrees Celsius outside and minus four degrees Fahrenheit at night; seat fourteen C, "
            "gate twelve F",
            "It was twenty five degrees Celsius outside and minus four degrees Fahrenheit at night; seat fourteen C, "
            "gate twelve F",
        ),
        (
            'A 12" pizza, a board 12" x 8"; she said "buy 12" and left',
            'A twelve inch pizza, a board twelve inches by eight inches; she said "buy twelve" and left',
            'A twelve inch pizza, a board twelve inches by eight inches; she said "buy twelve" and left',
        ),
        (
            "Use a 1/32 in. drill bit",
            "Use a one thirty second inch drill bit",
            "Use a one thirty second inch drill bit",
        ),
    ],
    "millions, races, midnight and more": [
        (
            "Over 2m people and 1.2m units; the wall is 2m tall, the 50m pool",
            "Over two million people and one point two million units; the wall is two meters tall, the fifty meter "
            "pool",
            "Over two million people and one point two million units; the wall is two metres tall, the fifty metre "
            "pool",
        ),
        (
            "She ran 5K in 21:30, then a 10K race; 45K fans came",
            "She ran five K in twenty one thirty, then a ten K race; forty five thousand fans came",
            "She ran five K in twenty one thirty, then a ten K race; forty five thousand fans came",
        ),
        (
            "Departs 00:15, lands 06:40",
            "Departs twelve fifteen AM, lands six forty",
            "Departs twelve fifteen AM, lands six forty",
        ),
        (
            "He scored in the 90th min. Then WWII and AD 79",
            "He scored in the ninetieth minute. Then World War Two and A-D seventy nine",
            "He scored in the ninetieth minute. Then World War Two and A-D seventy nine",
        ),
        (
            "The Dow lost 300 pts; 0.5% p.a.; mix 200 g flour; a B+ and an A-, grade C- work, A-OK",
            "The Dow lost three hundred points; zero point five percent a year; mix two hundred grams of flour; a B "
            "plus and an A minus, grade C minus work, A-okay",
            "The Dow lost three hundred points; zero point five percent a year; mix two hundred grams of flour; a B "
            "plus and an A minus, grade C minus work, A-okay",
        ),
        (
            "The 49ers and 76ers; take Hwy 101; the film runs 2h 15m",
            "The Forty-Niners and Seventy-Sixers; take Highway one oh one; the film runs two hours fifteen minutes",
            "The Forty-Niners and Seventy-Sixers; take Highway one oh one; the film runs two hours fifteen minutes",
        ),
        (
            "Order #A1234-567 ships; #web3 trends. Since Jan. '21, the class of '05. Kickoff 7:05 p.m. ET on Fox.",
            "Order number A one two three four, five six seven ships; hashtag web three trends. Since January twenty "
            "one, the class of oh five. Kickoff seven oh five PM E-T on Fox.",
            "Order number A one two three four, five six seven ships; hashtag web three trends. Since January twenty "
            "one, the class of oh five. Kickoff seven oh five PM E-T on Fox.",
        ),
        (
            "Over 4,000 mg/day, 2,000 calories/day, 11,000/km², $5/lb, 420 ppm; Avg. speed; thru May; a 4-4-2; "
            "2-3-2024",
            "Over four thousand milligrams a day, two thousand calories a day, eleven thousand per square kilometer, "
            "five dollars per pound, four hundred twenty parts per million; Average speed; through May; a four four "
            "two; February third, twenty twenty four",
            "Over four thousand milligrams a day, two thousand calories a day, eleven thousand per square kilometre, "
            "five dollars per pound, four hundred and twenty parts per million; Average speed; through May; a four "
            "four two; the second of March, twenty twenty four",
        ),
        (
            "The RTX 4090 vs. the 3080 Ti, ISO 3200; it costs ~$1.2k; the US 1500 m",
            "The R-T-X forty ninety versus the thirty eighty Ti, eye so thirty two hundred; it costs about one "
            "thousand two hundred dollars; the US one thousand five hundred meters",
            "The R-T-X forty ninety versus the thirty eighty Ti, eye so thirty two hundred; it costs about one "
            "thousand two hundred dollars; the US one thousand five hundred metres",
        ),
        (
            "A 1920 × 1080 px screen, 800x600; dial *67; under-2s and over-65s free; Bldg. C, Apt. 4B. "
            "Ends at Apt. Then",
            "A nineteen twenty by ten eighty pixels screen, eight hundred by six hundred; dial star sixty seven; "
            "under-twos and over-sixty fives free; Building C, Apartment four B. Ends at Apartment. Then",
            "A nineteen twenty by ten eighty pixels screen, eight hundred by six hundred; dial star sixty seven; "
            "under-twos and over-sixty fives free; Building C, Apartment four B. Ends at Apartment. Then",
        ),
        (
            "From £9.99 p/p at 221B Baker St, London NW1 6XE, by St Paul's; the A303, an A380; he weighs 12st 4lb",
            "From nine pounds ninety nine per person at two twenty one B Baker Street, London N W one, six X"
            " E, by Saint Paul's; the A three oh three, an A three eighty; he weighs twelve stone four pounds",
            "From nine pounds ninety nine per person at two twenty one B Baker Street, London N W one, six X"
            " E, by Saint Paul's; the A three oh three, an A three eighty; he weighs twelve stone four pounds",
        ),
        (
            "It weighed about 1.7 t, a 5t truck; 2 t-shirts; the 100 m relay; 37.8 sec.; done",
            "It weighed about one point seven tonnes, a five tonne truck; two t-shirts; the one hundred meter relay; "
            "thirty seven point eight seconds; done",
            "It weighed about one point seven tonnes, a five tonne truck; two t-shirts; the one hundred metre relay; "
            "thirty seven point eight seconds; done",
        ),
        (
            "Prof. Lee, PhD, and Dr. Kim, MD, in Baltimore, MD; a ratio of approx. 1:1000",
            "Professor Lee, PhD, and Doctor Kim, M-D, in Baltimore, Maryland; a ratio of approximately one to one "
            "thousand",
            "Professor Lee, PhD, and Doctor Kim, M-D, in Baltimore, Maryland; a ratio of approximately one to one "
            "thousand",
        ),
        (
            "A 45 y/o male; see sec. 4.2 and § 12; open 24/7/365",
            "A forty five year old male; see section four point two and section twelve; open twenty four seven three "
            "sixty five",
            "A forty five year old male; see section four point two and section twelve; open twenty four seven three "
            "sixty five",
        ),
    ],
    "listings, box scores, timetables and recipes": [
        (
            "Class 9-9:50 a.m., lunch 12-1:30, and 2-3:30 p.m.; open 9am-5pm M-F",
            "Class nine to nine fifty AM, lunch twelve to one thirty, and two to three thirty PM; open nine AM to "
            "five PM Monday to Friday",
            "Class nine to nine fifty AM, lunch twelve to one thirty, and two to three thirty PM; open nine AM to "
            "five PM Monday to Friday",
        ),
        (
            "LeBron had 34 pts, 11 reb. and 9 ast.; 5 stl, 1 blk; he ran for 120 yds and 2 TDs",
            "LeBron had thirty four points, eleven rebounds and nine assists; five steals, one block; he ran for one "
            "hundred twenty yards and two touchdowns",
            "LeBron had thirty four points, eleven rebounds and nine assists; five steals, one block; he ran for one "
            "hundred and twenty yards and two touchdowns",
        ),
        (
            "Room 12B, Suite 400B, the 7B model; Pop. 8.3M (2020); the town's pop. is 8,300; Prop. 22; Dep. 06:40, "
            "arr. 09:55; Ep. 47",
            "Room twelve B, Suite four hundred B, the seven billion model; Population eight point three million "
            "(twenty twenty); the town's population is eight thousand three hundred; Proposition twenty two; Departs "
            "six forty, arrives nine fifty five; Episode forty seven",
            "Room twelve B, Suite four hundred B, the seven billion model; Population eight point three million "
            "(twenty twenty); the town's population is eight thousand three hundred; Proposition twenty two; Departs "
            "six forty, arrives nine fifty five; Episode forty seven",
        ),
        (
            "It costs €1.299,00 or €12,50 or 1.500 € or 12.50 €; up 8% y/y and 5% m/m, 2% Q/Q",
            "It costs one thousand two hundred ninety nine euros or twelve euros and fifty cents or one thousand five "
            "hundred euros or twelve euros and fifty cents; up eight percent year over year and five percent month "
            "over month, two percent quarter over quarter",
            "It costs one thousand two hundred and ninety nine euros or twelve euros and fifty cents or one thousand "
            "five hundred euros or twelve euros and fifty cents; up eight percent year over year and five percent "
            "month over month, two percent quarter over quarter",
        ),
        (
            "Add 2 c. sugar, 1 c. milk and 1 1/2 c. broth; watch at 8/7c; see no. 7",
            "Add two cups of sugar, one cup of milk and one and a half cups of broth; watch at eight, seven "
            "central; see number seven",
            "Add two cups of sugar, one cup of milk and one and a half cups of broth; watch at eight, seven "
            "central; see number seven",
        ),
        (
            'The 100-yr-old bridge; 3/8" thick and 2-1/2" wide; a 1:50,000 map, scale 1:24k; rated 4.6/5.',
            "The one hundred year-old bridge; three eighths of an inch thick and two and a half inches wide; a "
            "one to fifty thousand map, scale one to twenty four thousand; rated four point six out of five.",
            "The one hundred year-old bridge; three eighths of an inch thick and two and a half inches wide; a "
            "one to fifty thousand map, scale one to twenty four thousand; rated four point six out of five.",
        ),
        (
            "Read Matthew 5:3-12 and John 3:16; est. 1850, $0.98 est.; 350 5th Ave, New York; Ave Maria; toward "
            "Rte. 1; 500 mcg",
            "Read Matthew five, three to twelve and John three, sixteen; established eighteen fifty, ninety eight "
            "cents estimated; three fifty fifth Avenue, New York; Ave Maria; toward Route one; five "
            "hundred micrograms",
            "Read Matthew five, three to twelve and John three, sixteen; established eighteen fifty, ninety eight "
            "cents estimated; three fifty fifth Avenue, New York; Ave Maria; toward Route one; five "
            "hundred micrograms",
        ),
        (
            "Bake at 425°F / 220°C; Doors 7:30pm / show 8:30pm",
            "Bake at four hundred twenty five degrees Fahrenheit, two hundred twenty degrees Celsius; Doors seven "
            "thirty PM, show eight thirty PM",
            "Bake at four hundred and twenty five degrees Fahrenheit, two hundred and twenty degrees Celsius; "
            "Doors seven thirty PM, show eight thirty PM",
        ),
        (
            "Temps hit -12°C in Ottawa, ON. Use cells A1:A10; call 555-0199 ext 12; joined Jan '22",
            "Temps hit minus twelve degrees Celsius in Ottawa, Ontario. Use cells A one to A ten; call five five "
            "five, zero one nine nine extension twelve; joined January twenty two",
            "Temps hit minus twelve degrees Celsius in Ottawa, Ontario. Use cells A one to A ten; call five five "
            "five, oh one nine nine extension twelve; joined January twenty two",
        ),
        (
            "Apollo XIII, Final Fantasy VII and John Smith III; the Xbox Series X; Henry V won; from "
            "2024-08-07T14:30 at 100 req/min",
            "Apollo thirteen, Final Fantasy seven and John Smith the third; the Xbox Series X; Henry the fifth "
            "won; from August seventh, twenty twenty four at fourteen thirty at one hundred requests per minute",
            "Apollo thirteen, Final Fantasy seven and John Smith the third; the Xbox Series X; Henry the fifth "
            "won; from the seventh of August, twenty twenty four at fourteen thirty at one hundred requests per minute",
        ),
        (
            "Costs: US$5, A$20, C$15, HK$100, NZ$30, 99c; 6.5 L/100 km; it was 31º; call 1-800-FLOWERS or (555) "
            "123-4567 x89",
            "Costs: five dollars, twenty Australian dollars, fifteen Canadian dollars, one hundred Hong Kong "
            "dollars, thirty New Zealand dollars, ninety nine cents; six point five liters per hundred "
            "kilometers; it was thirty one degrees; call one eight hundred Flowers or five five five, one two "
            "three, four five six seven, extension eight nine",
            "Costs: five dollars, twenty Australian dollars, fifteen Canadian dollars, one hundred Hong Kong "
            "dollars, thirty New Zealand dollars, ninety nine cents; six point five litres per hundred "
            "kilometres; it was thirty one degrees; call one eight hundred Flowers or five five five, one two "
            "three, four five six seven, extension eight nine",
        ),
        (
            "Cut by 25 bps; watch at 7p or 8:30p; in 1080p or 720p",
            "Cut by twenty five basis points; watch at seven PM or eight thirty PM; in ten eighty p or seven twenty p",
            "Cut by twenty five basis points; watch at seven p or eight thirty PM; in ten eighty p or seven twenty p",
        ),
        (
            "Running 10k in 48:30; a 50:50 split; a ratio of 30:20; £1,450 pcm; won by 7 wkts",
            "Running ten K in forty eight thirty; a fifty fifty split; a ratio of thirty to twenty; "
            "one thousand four hundred fifty pounds per calendar month; won by seven wickets",
            "Running ten K in forty eight thirty; a fifty fifty split; a ratio of thirty to twenty; "
            "one thousand four hundred and fifty pounds per calendar month; won by seven wickets",
        ),
        (
            'Class meets MWF 9-9:50 a.m. and TTh 2-3:15 p.m.; the 2-1/2" pipe',
            "Class meets Monday, Wednesday and Friday nine to nine fifty AM and Tuesday and Thursday two to three "
            "fifteen PM; the two and a half inch pipe",
            "Class meets Monday, Wednesday and Friday nine to nine fifty AM and Tuesday and Thursday two to three "
            "fifteen PM; the two and a half inch pipe",
        ),
        (
            "The 1,000th visitor; open midnight–6am and 9am-noon; a −3 dB drop at −5.5%",
            "The one thousandth visitor; open midnight to six AM and nine AM to noon; a minus three decibel drop at "
            "minus five point five percent",
            "The one thousandth visitor; open midnight to six AM and nine AM to noon; a minus three decibel drop at "
            "minus five point five percent",
        ),
        (
            "Take it 3x daily x 10 days; two RTX 4090s; text STOP to 87654",
            "Take it three times daily for ten days; two R-T-X forty nineties; text Stop to eight seven six five four",
            "Take it three times daily for ten days; two R-T-X forty nineties; text Stop to eight seven six five four",
        ),
        (
            "No. I want no. 12; see Nos. 3 and 4",
            "No. I want number twelve; see Numbers three and four",
            "No. I want number twelve; see Numbers three and four",
        ),
        (
            "A 1.21 GW flux capacitor; a 500 MW plant makes 4.4 TWh; 500 mA at 11 kV",
            "A one point two one gigawatt flux capacitor; a five hundred megawatt plant makes four point four terawatt "
            "hours; five hundred milliamps at eleven kilovolts",
            "A one point two one gigawatt flux capacitor; a five hundred megawatt plant makes four point four terawatt "
            "hours; five hundred milliamps at eleven kilovolts",
        ),
        (
            "Max out your 401(k) or 403(b); file Form 1040; a Boeing 737 MAX; Flight 1549",
            "Max out your four oh one K or four oh three B; file Form ten forty; a Boeing seven thirty seven "
            "MAX; Flight fifteen forty nine",
            "Max out your four oh one K or four oh three B; file Form ten forty; a Boeing seven thirty seven "
            "MAX; Flight fifteen forty nine",
        ),
        (
            "Call 1-800-555-0142 or 0800 123 4567; Ref. #A12; acct. ending in 4321; your appt.; Msg & data "
            "rates may apply",
            "Call one, eight hundred, five five five, zero one four two or zero eight hundred, one two "
            "three, four five six seven; Reference number A one two; account ending in four three two one; "
            "your appointment; Message and data rates may apply",
            "Call one, eight hundred, five five five, oh one four two or oh eight hundred, one two three, "
            "four five six seven; Reference number A one two; account ending in four three two one; your "
            "appointment; Message and data rates may apply",
        ),
        (
            "2^10 and √16; cheaper b/c of tariffs, the gap b/w them; N/A; invest $10k+ and earn 5%+",
            "two to the power of ten and the square root of sixteen; cheaper because of tariffs, the gap "
            "between them; not applicable; invest ten thousand dollars plus and earn five percent plus",
            "two to the power of ten and the square root of sixteen; cheaper because of tariffs, the gap "
            "between them; not applicable; invest ten thousand dollars plus and earn five percent plus",
        ),
        (
            "The mill shipped 3,400 sq yd of felt and 20 sq. yd. of carpet; 12 sq. mi. of forest",
            "The mill shipped three thousand four hundred square yards of felt and twenty square yards of "
            "carpet; twelve square miles of forest",
            "The mill shipped three thousand four hundred square yards of felt and twenty square yards of "
            "carpet; twelve square miles of forest",
        ),
        (
            "LDL under 100 mg/dL; a VO2 max of 52 ml/kg/min; 1.6 × 10^-19",
            "L-D-L under one hundred milligrams per deciliter; a V-O two max of fifty two milliliters per kilogram per "
            "minute; one point six times ten to the power of minus nineteen",
            "L-D-L under one hundred milligrams per decilitre; a V-O two max of fifty two millilitres per kilogram per "
            "minute; one point six times ten to the power of minus nineteen",
        ),
        (
            "Valid thru 12/26, exp. 08/27; open 10a–6p; wk. 3; meet at 0900, the 09:00 hrs call",
            "Valid through twelve, twenty six, expires oh eight, twenty seven; open ten AM to six PM; week "
            "three; meet at oh nine hundred, the oh nine hundred hours call",
            "Valid through twelve, twenty six, expires oh eight, twenty seven; open ten AM to six PM; week "
            "three; meet at oh nine hundred, the oh nine hundred hours call",
        ),
        (
            "The code 0412 and PIN 0000; the 007 films; 0.5 and 0",
            "The code zero four one two and pin zero zero zero zero; the double oh seven films; zero point "
            "five and zero",
            "The code oh four one two and pin oh oh oh oh; the double oh seven films; zero point five and zero",
        ),
        (
            "100s of fans, 1000s of miles and 10s of thousands; it took 100s to load",
            "hundreds of fans, thousands of miles and tens of thousands; it took one hundred seconds to load",
            "hundreds of fans, thousands of miles and tens of thousands; it took one hundred seconds to load",
        ),
        (
            "Unit 5/12 Smith St; c/o Jane Park, Attn: Billing",
            "Unit five, twelve Smith Street; care of Jane Park, Attention: Billing",
            "Unit five, twelve Smith Street; care of Jane Park, Attention: Billing",
        ),
        (
            "She said no. 5 minutes later she called; he was no. 1",
            "She said no. five minutes later she called; he was number one",
            "She said no. five minutes later she called; he was number one",
        ),
        (
            "Read Psalm 119:105; a b/w photo; the decade ending in 2029; it's 25c outside",
            "Read Psalm one hundred nineteen, one hundred five; a black and white photo; the decade ending "
            "in twenty twenty nine; it's twenty five degrees Celsius outside",
            "Read Psalm one hundred and nineteen, one hundred and five; a black and white photo; the decade "
            "ending in twenty twenty nine; it's twenty five degrees Celsius outside",
        ),
        (
            "Step 1/4 and Part 2/3; £3.95 p&p",
            "Step one of four and Part two of three; three pounds ninety five postage and packing",
            "Step one of four and Part two of three; three pounds ninety five postage and packing",
        ),
        (
            "It gets 28/34 mpg city/hwy; rated 4.8★ by 12.3k users; earn 10k a month",
            "It gets twenty eight, thirty four miles per gallon city, highway; rated four point eight stars "
            "by twelve point three thousand users; earn ten thousand a month",
            "It gets twenty eight, thirty four miles per gallon city, highway; rated four point eight stars "
            "by twelve point three thousand users; earn ten thousand a month",
        ),
        (
            "Highs of 31c; a 99c coke and 99c each",
            "Highs of thirty one degrees Celsius; a ninety nine cent coke and ninety nine cents each",
            "Highs of thirty one degrees Celsius; a ninety nine cent coke and ninety nine cents each",
        ),
    ],
    "keys, ports, prescriptions and places abroad": [
        (
            "Press Ctrl+C to copy, Cmd+Shift+4 for a screenshot, Alt+F4 to close, Ctrl+Alt+Del to lock; hit "
            "Esc to go back.",
            "Press Control C to copy, Command Shift four for a screenshot, Alt F four to close, Control Alt "
            "Delete to lock; hit Escape to go back.",
            "Press Control C to copy, Command Shift four for a screenshot, Alt F four to close, Control Alt "
            "Delete to lock; hit Escape to go back.",
        ),
        (
            "Open localhost:3000, or example.com:8080/login; SSH to 192.168.1.10:22.",
            "Open localhost colon three thousand, or example dot com colon eighty eighty slash login; S-S-H to one "
            "ninety two dot one sixty eight dot one dot ten colon twenty two.",
            "Open localhost colon three thousand, or example dot com colon eighty eighty slash login; S-S-H to one "
            "ninety two dot one sixty eight dot one dot ten colon twenty two.",
        ),
        (
            "A 4WD truck, an AWD wagon and a 2WD van; we need 2x4s for the frame.",
            "A four-wheel drive truck, an all-wheel drive wagon and a two-wheel drive van; we need two by "
            "fours for the frame.",
            "A four-wheel drive truck, an all-wheel drive wagon and a two-wheel drive van; we need two by "
            "fours for the frame.",
        ),
        (
            "Add 0,5 l of water and 1,5 kg of flour; the gap is 0,25 mm (but 1,500 kg is a tonne and a half).",
            "Add zero point five liters of water and one point five kilograms of flour; the gap is zero "
            "point two five millimeters (but one thousand five hundred kilograms is a tonne and a half).",
            "Add zero point five litres of water and one point five kilograms of flour; the gap is zero "
            "point two five millimetres (but one thousand five hundred kilograms is a tonne and a half).",
        ),
        (
            "Take 500 mg b.i.d. for 10 days, then 1 tab q.d. with food; p.r.n. for pain.",
            "Take five hundred milligrams twice a day for ten days, then one tab once a day with food; as "
            "needed for pain.",
            "Take five hundred milligrams twice a day for ten days, then one tab once a day with food; as "
            "needed for pain.",
        ),
        (
            "Act III, Scene ii; read Chapter iv and item (iii) below.",
            "Act three, Scene two; read Chapter four and item (three) below.",
            "Act three, Scene two; read Chapter four and item (three) below.",
        ),
        (
            "Since 9/11, security has changed; the report is due 9/11.",
            "Since nine eleven, security has changed; the report is due September eleventh.",
            "Since nine eleven, security has changed; the report is due the ninth of November.",
        ),
        (
            "Send it to 12 Smith St, Richmond VIC 3121; call x3301 for help.",
            "Send it to twelve Smith Street, Richmond VIC three one two one; call extension three three zero "
            "one for help.",
            "Send it to twelve Smith Street, Richmond VIC three one two one; call extension three three oh "
            "one for help.",
        ),
        (
            "Acme Corp. (NYSE: ACME) rose 4%; open 11:00-22:00, the bar 18:00-02:00.",
            "Acme Corporation (N-Y-S-E: Acme) rose four percent; open eleven AM to ten PM, the bar six PM to two AM.",
            "Acme Corporation (N-Y-S-E: Acme) rose four percent; open eleven AM to ten PM, the bar six PM to two AM.",
        ),
        (
            "Use a 3/8-in. drill bit for the 1/4-lb. patties.",
            "Use a three eighths inch drill bit for the quarter pound patties.",
            "Use a three eighths inch drill bit for the quarter pound patties.",
        ),
        (
            "Chopin's Op. 9 No. 2 is in E♭ major; the piece is in C# minor, in 3/4 time; then Bb major and F♯.",
            "Chopin's Opus nine number two is in E flat major; the piece is in C sharp minor, in three four "
            "time; then B flat major and F sharp.",
            "Chopin's Opus nine number two is in E flat major; the piece is in C sharp minor, in three four "
            "time; then B flat major and F sharp.",
        ),
        (
            "Keep it ≥ 5 and ≤ 10, ±2%; π ≈ 3.14 and 5 ≠ 4.",
            "Keep it at least five and at most ten, plus or minus two percent; pi about three point one four "
            "and five does not equal four.",
            "Keep it at least five and at most ten, plus or minus two percent; pi about three point one four "
            "and five does not equal four.",
        ),
        (
            "Follow @avatar_app and @jo_99 for a P/E of 25x.",
            "Follow at avatar underscore app and at jo underscore nine nine for a P-E of twenty five times.",
            "Follow at avatar underscore app and at jo underscore nine nine for a P-E of twenty five times.",
        ),
        (
            "Take I-95 N to exit 42B; the race ended at 3 p.m. Sunday. Fri. Sun is out.",
            "Take I ninety five North to exit forty two B; the race ended at three PM Sunday. Friday. Sun is out.",
            "Take I ninety five North to exit forty two B; the race ended at three PM Sunday. Friday. Sun is out.",
        ),
        (
            "Download the 2.4 GB file at 50 MB/s or 400 Mb/s.",
            "Download the two point four gigabyte file at fifty megabytes per second or four hundred "
            "megabits per second.",
            "Download the two point four gigabyte file at fifty megabytes per second or four hundred "
            "megabits per second.",
        ),
        (
            "It goes 0-60 mph in 3.2 s with 350 hp; the EV gets 120 MPGe; I bought 0.5 BTC.",
            "It goes zero to sixty miles per hour in three point two seconds with three hundred fifty "
            "horsepower; the E-V gets one hundred twenty miles per gallon equivalent; I bought zero point "
            "five bitcoin.",
            "It goes zero to sixty miles per hour in three point two seconds with three hundred and fifty "
            "horsepower; the E-V gets one hundred and twenty miles per gallon equivalent; I bought zero "
            "point five bitcoin.",
        ),
        (
            "Apt. for rent: 2BR/1BA, a 3bd/2ba house, but she has 2 BA degrees; take 4 doses/24 hrs.",
            "Apartment for rent: two bedrooms, one bath, a three bedrooms, two baths house, but she has two B-A "
            "degrees; take four doses per twenty four hours.",
            "Apartment for rent: two bedrooms, one bath, a three bedrooms, two baths house, but she has two B-A "
            "degrees; take four doses per twenty four hours.",
        ),
        (
            "His K/D is 2.5 with 12k XP on a 4K TV.",
            "His K-D is two point five with twelve thousand X-P on a four K T-V.",
            "His K-D is two point five with twelve thousand X-P on a four K T-V.",
        ),
        (
            "In this video: 0:00 intro, 0:45 specs, 5:30 camera test; I rate it 9/10, she gave it 4/5, and "
            "S3E7 airs Friday.",
            "In this video: zero zero intro, zero forty five specs, five thirty camera test; I rate it nine "
            "out of ten, she gave it four out of five, and season three, episode seven airs Friday.",
            "In this video: zero zero intro, zero forty five specs, five thirty camera test; I rate it nine "
            "out of ten, she gave it four out of five, and season three, episode seven airs Friday.",
        ),
        (
            "Call NHS 111; delays between J10 and J11 of the M25 (but the J5 model); 5C cooler on Thurs; VAT "
            "is inc.; prices inc. VAT; Rt Hon Jane Smith.",
            "Call NHS one one one; delays between junction ten and junction eleven of the M twenty five (but the J "
            "five model); five degrees Celsius cooler on Thursday; VAT is included; prices including V-A-T; Right "
            "Honourable Jane Smith.",
            "Call NHS one one one; delays between junction ten and junction eleven of the M twenty five (but the J "
            "five model); five degrees Celsius cooler on Thursday; VAT is included; prices including V-A-T; Right "
            "Honourable Jane Smith.",
        ),
        (
            "Cleopatra lived c. 69–30 BC; Rome fell in 476 CE; see Roe v. Wade; a mole is 6.022 × 10²³ "
            "particles; E = mc²; A → B; gas is $3.49⁹ a gallon.",
            "Cleopatra lived circa sixty nine to thirty B-C; Rome fell in four seventy six C-E; see Roe "
            "versus Wade; a mole is six point zero two two times ten to the power of twenty three particles; "
            "E equals mc squared; A to B; gas is three dollars and forty nine cents ⁹ a gallon.",
            "Cleopatra lived circa sixty nine to thirty B-C; Rome fell in four seventy six C-E; see Roe "
            "versus Wade; a mole is six point zero two two times ten to the power of twenty three particles; "
            "E equals mc squared; A to B; gas is three dollars and forty nine cents ⁹ a gallon.",
        ),
        (
            "Sydney NSW 2000; SSE winds, ENE gusts and a NSW team.",
            "Sydney NSW two zero zero zero; south southeast winds, east northeast gusts and a N-S-W team.",
            "Sydney NSW two oh oh oh; south southeast winds, east northeast gusts and a N-S-W team.",
        ),
        (
            "The webinar is 7:00–8:30 pm; the flight takes 2h30; it closes at 24:00; the season starts 9/1; "
            "the meeting moved from 3/4 to 3/11; she posted 2/3 of the videos.",
            "The webinar is seven to eight thirty PM; the flight takes two hours thirty; it closes at twenty "
            "four hundred; the season starts September first; the meeting moved from March fourth to March "
            "eleventh; she posted two thirds of the videos.",
            "The webinar is seven to eight thirty PM; the flight takes two hours thirty; it closes at twenty "
            "four hundred; the season starts the ninth of January; the meeting moved from the third of April "
            "to the third of November; she posted two thirds of the videos.",
        ),
        (
            "A coffee is 50p. It sold for R$ 50; rent is £277pw.",
            "A coffee is fifty p. It sold for fifty reais; rent is two hundred seventy seven pounds per week.",
            "A coffee is fifty p. It sold for fifty reais; rent is two hundred and seventy seven pounds per week.",
        ),
        (
            "NVIDIA and AMD make GPUs; he went AWOL; SCOTUS ruled.",
            "Nvidia and A-M-D make G-P-U's; he went Awol; Scotus ruled.",
            "Nvidia and A-M-D make G-P-U's; he went Awol; Scotus ruled.",
        ),
        (
            "Rashford scored in the 23rd and 67th mins.",
            "Rashford scored in the twenty third and sixty seventh minutes.",
            "Rashford scored in the twenty third and sixty seventh minutes.",
        ),
        (
            "Her number is 555-1234 (the number of pages is 250-1200); the 1600 block of Main St.; a report in 2 vols.",
            "Her number is five five five, one two three four (the number of pages is two hundred fifty to "
            "one thousand two hundred); the sixteen hundred block of Main Street; a report in two volumes.",
            "Her number is five five five, one two three four (the number of pages is two hundred and fifty "
            "to one thousand two hundred); the sixteen hundred block of Main Street; a report in two "
            "volumes.",
        ),
        (
            "Visit example.com or bit.ly/3xYz9; the repo is github.com/user/repo; see "
            "shop.example.com/cart#checkout (Node.js and report.pdf stay).",
            "Visit example dot com or bit dot ly slash three xYz nine; the repo is github dot com slash user "
            "slash repo; see shop dot example dot com slash cart hash checkout (Node.js and report.pdf "
            "stay).",
            "Visit example dot com or bit dot ly slash three xYz nine; the repo is github dot com slash user "
            "slash repo; see shop dot example dot com slash cart hash checkout (Node.js and report.pdf "
            "stay).",
        ),
        (
            "Beating the $4.6B consensus, the co. cut its 2025 outlook (the 2024 employees and the 1999 "
            "staff stay numbers); up 35% YTD.",
            "Beating the four point six billion dollar consensus, the company cut its twenty twenty five "
            "outlook (the two thousand twenty four employees and the one thousand nine hundred ninety nine "
            "staff stay numbers); up thirty five percent year to date.",
            "Beating the four point six billion dollar consensus, the company cut its twenty twenty five "
            "outlook (the two thousand and twenty four employees and the one thousand nine hundred and "
            "ninety nine staff stay numbers); up thirty five percent year to date.",
        ),
        (
            "Bake at 180 C (but row 12 C); the plot is 2 ha; it charges at 65 W and runs at 230 V, at 42 W. Oak Ave.",
            "Bake at one hundred eighty degrees Celsius (but row twelve C); the plot is two hectares; it "
            "charges at sixty five watts and runs at two hundred thirty volts, at forty two West Oak Avenue.",
            "Bake at one hundred and eighty degrees Celsius (but row twelve C); the plot is two hectares; it "
            "charges at sixty five watts and runs at two hundred and thirty volts, at forty two West Oak "
            "Avenue.",
        ),
        (
            "Upgrade the 3080s; two 747s and the 707s; temps in the low 200s (but it finished in 150s).",
            "Upgrade the thirty eighties; two seven forty sevens and the seven oh sevens; temps in the low "
            "two hundreds (but it finished in one hundred fifty seconds).",
            "Upgrade the thirty eighties; two seven forty sevens and the seven oh sevens; temps in the low "
            "two hundreds (but it finished in one hundred and fifty seconds).",
        ),
        (
            "In Sydney, call (02) 9374 4000 or (03) 9123-4567.",
            "In Sydney, call zero two, nine three seven four, four zero zero zero or zero three, nine one "
            "two three, four five six seven.",
            "In Sydney, call oh two, nine three seven four, four oh oh oh or oh three, nine one two three, "
            "four five six seven.",
        ),
        (
            "The fair runs 5th–7th March; closed 24–26 Dec; the 3rd–5th of May; add 1/4-1/2 tsp salt.",
            "The fair runs March fifth to seventh; closed December twenty fourth to twenty sixth; the third "
            "to the fifth of May; add one quarter to half a teaspoon of salt.",
            "The fair runs the fifth to the seventh of March; closed the twenty fourth to the twenty sixth "
            "of December; the third to the fifth of May; add one quarter to half a teaspoon of salt.",
        ),
        (
            'Expect 1-3" of rain; the M15 stops at E 14th St.',
            "Expect one to three inches of rain; the M fifteen stops at East fourteenth Street.",
            "Expect one to three inches of rain; the M fifteen stops at East fourteenth Street.",
        ),
        (
            "Per §4.2(b)(iii) and rule 12(b)(6), see Figure 3(a); Arts. 3-5 apply; cf. ¶ 12.",
            "Per section four point two B three and rule twelve B six, see Figure three A; Articles three to "
            "five apply; compare paragraph twelve.",
            "Per section four point two B three and rule twelve B six, see Figure three A; Articles three to "
            "five apply; compare paragraph twelve.",
        ),
        (
            "Burpees: 20 x8; walk 10k steps (but ran a 10k race); rest 90-120 s between sets.",
            "Burpees: twenty times eight; walk ten thousand steps (but ran a ten K race); rest ninety to one "
            "hundred twenty seconds between sets.",
            "Burpees: twenty times eight; walk ten thousand steps (but ran a ten K race); rest ninety to one "
            "hundred and twenty seconds between sets.",
        ),
        (
            "Shot on a 12MP camera at f/1.8, 1/200s; Qty: 2.",
            "Shot on a twelve megapixel camera at f one point eight, one two hundredth of a second; Quantity: two.",
            "Shot on a twelve megapixel camera at f one point eight, one two hundredth of a second; Quantity: two.",
        ),
        (
            "10 - 4 = 6; if y = 2x + 3, is 7 > 3? We found p < 0.05 (but ping < 10 ms).",
            "ten minus four equals six; if y equals two x plus three, is seven greater than three? We found "
            "p is less than zero point zero five (but ping less than ten milliseconds).",
            "ten minus four equals six; if y equals two x plus three, is seven greater than three? We found "
            "p is less than zero point zero five (but ping less than ten milliseconds).",
        ),
        (
            "10 / 2 = 5, but the ratio 1 / 2 stays.",
            "ten divided by two equals five, but the ratio one / two stays.",
            "ten divided by two equals five, but the ratio one / two stays.",
        ),
        (
            "She's in her mid-30s; he's in his early 40s.",
            "She's in her mid-thirties; he's in his early forties.",
            "She's in her mid-thirties; he's in his early forties.",
        ),
        (
            "A 5pc set of knives, a 3-pc suit and a pack of 12 pcs.",
            "A five piece set of knives, a three piece suit and a pack of twelve pieces.",
            "A five piece set of knives, a three piece suit and a pack of twelve pieces.",
        ),
        (
            "Population: 1.2 million (2020 est.), below 1990 levels.",
            "Population: one point two million (twenty twenty estimated), below nineteen ninety levels.",
            "Population: one point two million (twenty twenty estimated), below nineteen ninety levels.",
        ),
        (
            "Take 2.5 mL q4h, or 1 tab q4-6h; 3,000 sq. ft. on 0.25 ac.",
            "Take two point five milliliters every four hours, or one tab every four to six hours; three "
            "thousand square feet on zero point two five acres.",
            "Take two point five millilitres every four hours, or one tab every four to six hours; three "
            "thousand square feet on zero point two five acres.",
        ),
        (
            "We ship across the U.S. We never charge the U.S. Army; revenue is $48 mn.",
            "We ship across the US. We never charge the US Army; revenue is forty eight million dollars.",
            "We ship across the US. We never charge the US Army; revenue is forty eight million dollars.",
        ),
        (
            "Under s. 12(3) and ss. 4-6, stay under 220 − age; ask your mgr. about the 4K display.",
            "Under section twelve three and sections four to six, stay under two hundred twenty minus age; "
            "ask your manager about the four K display.",
            "Under section twelve three and sections four to six, stay under two hundred and twenty minus "
            "age; ask your manager about the four K display.",
        ),
        (
            "Highs in the low 30s; read Gen. 1:1-3 and Ps. 23; text HOME to 741741; he averaged 27.4 ppg.",
            "Highs in the low thirties; read Genesis one, one to three and Psalm twenty three; text Home to "
            "seven four one seven four one; he averaged twenty seven point four points per game.",
            "Highs in the low thirties; read Genesis one, one to three and Psalm twenty three; text Home to "
            "seven four one seven four one; he averaged twenty seven point four points per game.",
        ),
        (
            "The 999 call reached 911 dispatchers.",
            "The nine nine nine call reached nine one one dispatchers.",
            "The nine nine nine call reached nine one one dispatchers.",
        ),
        (
            "The A14 J10-J12 closes overnight.",
            "The A fourteen junction ten to junction twelve closes overnight.",
            "The A fourteen junction ten to junction twelve closes overnight.",
        ),
        (
            "Read 1 Cor. 13 aloud, then 2 Tim. 3:16 and 1 John 4:8.",
            "Read First Corinthians thirteen aloud, then Second Timothy three, sixteen and First John four, eight.",
            "Read First Corinthians thirteen aloud, then Second Timothy three, sixteen and First John four, eight.",
        ),
        (
            "In 1 Sam. 17 David fights Goliath; 2 Kings 5 cards stay cards.",
            "In First Samuel seventeen David fights Goliath; two Kings five cards stay cards.",
            "In First Samuel seventeen David fights Goliath; two Kings five cards stay cards.",
        ),
        (
            "Add 3/4 cup milk, 1/2 tsp salt and 2 cups flour, 1 cup at a time.",
            "Add three quarters of a cup of milk, half a teaspoon of salt and two cups of flour, one cup at a time.",
            "Add three quarters of a cup of milk, half a teaspoon of salt and two cups of flour, one cup at a time.",
        ),
        (
            "Buy 2 cup holders and a 12 cup coffee maker; we drank 3 cups yesterday.",
            "Buy two cup holders and a twelve cup coffee maker; we drank three cups yesterday.",
            "Buy two cup holders and a twelve cup coffee maker; we drank three cups yesterday.",
        ),
        (
            "Everything is 1/2 price and takes 1/2 the time, but 1/2 and 1/4 stay sums.",
            "Everything is half price and takes half the time, but one half and one quarter stay sums.",
            "Everything is half price and takes half the time, but one half and one quarter stay sums.",
        ),
        (
            "Brent crude rose to $82.40/bbl; power costs 28p/kWh and £95/MWh.",
            "Brent crude rose to eighty two dollars and forty cents per barrel; power costs twenty eight p "
            "per kilowatt hour and ninety five pounds per megawatt hour.",
            "Brent crude rose to eighty two dollars and forty cents per barrel; power costs twenty eight p "
            "per kilowatt hour and ninety five pounds per megawatt hour.",
        ),
        (
            "We pay £12.50 p/h; eggs are $4/doz.",
            "We pay twelve pounds fifty per hour; eggs are four dollars per dozen.",
            "We pay twelve pounds fifty per hour; eggs are four dollars per dozen.",
        ),
        (
            "Closed Sun & bank hols; the shop opens Mon at nine.",
            "Closed Sunday and bank holidays; the shop opens Monday at nine.",
            "Closed Sunday and bank holidays; the shop opens Monday at nine.",
        ),
        (
            "Mtg. at 3 pm in the Natl. Guard's Mtg. Room.",
            "Meeting at three PM in the National Guard's Meeting Room.",
            "Meeting at three PM in the National Guard's Meeting Room.",
        ),
        (
            'Save on select 65" & 75" TVs, a 12" pizza or two 12" pizzas; it is 30" wide, with 1-3" of rain '
            'and 43-85" TVs.',
            "Save on select sixty five inch and seventy five inch T-V's, a twelve inch pizza or two twelve inch "
            "pizzas; it is thirty inches wide, with one to three inches of rain and forty three to eighty five inch "
            "T-V's.",
            "Save on select sixty five inch and seventy five inch T-V's, a twelve inch pizza or two twelve inch "
            "pizzas; it is thirty inches wide, with one to three inches of rain and forty three to eighty five inch "
            "T-V's.",
        ),
        (
            "The 9-11 Commission met; ages 9-11 welcome.",
            "The nine eleven Commission met; ages nine to eleven welcome.",
            "The nine eleven Commission met; ages nine to eleven welcome.",
        ),
        (
            "Sub count hit 1.2M last wk., up 20% wk/wk; Leeds Utd. won.",
            "Sub count hit one point two million last week, up twenty percent week over week; Leeds United won.",
            "Sub count hit one point two million last week, up twenty percent week over week; Leeds United won.",
        ),
        (
            "Erasure w/in 30 days, see fn. 3; asking £1.2m o.n.o.",
            "Erasure within thirty days, see footnote three; asking one point two million pounds or nearest offer.",
            "Erasure within thirty days, see footnote three; asking one point two million pounds or nearest offer.",
        ),
        (
            "Python 3.12 is faster than 3.11; update to iOS 17.10 or v2.15; it costs 3.12 dollars.",
            "Python three point twelve is faster than three point one one; update to iOS seventeen point ten "
            "or version two point fifteen; it costs three dollars and twelve cents.",
            "Python three point twelve is faster than three point one one; update to iOS seventeen point ten "
            "or version two point fifteen; it costs three dollars and twelve cents.",
        ),
        (
            "During WW2, in the 19th c. and the 5th cent. BC; a Cat. 4 hurricane.",
            "During World War Two, in the nineteenth century and the fifth century B-C; a Category four hurricane.",
            "During World War Two, in the nineteenth century and the fifth century B-C; a Category four hurricane.",
        ),
        (
            "Sen. Warren (D-Mass.), Rep. Jordan (R-Ohio) and Sen. Sanders (I-VT); the (D-Day) landings.",
            "Senator Warren (Democrat of Massachusetts), Representative Jordan (Republican of Ohio) and "
            "Senator Sanders (Independent of Vermont); the (D-Day) landings.",
            "Senator Warren (Democrat of Massachusetts), Representative Jordan (Republican of Ohio) and "
            "Senator Sanders (Independent of Vermont); the (D-Day) landings.",
        ),
        (
            "Use code FALL30 (exp. 10/31); card exp. 10/27, valid thru 10/31, exp. 08/27.",
            "Use code FALL thirty (expires October thirty first); card expires ten, twenty seven, valid "
            "through ten, thirty one, expires oh eight, twenty seven.",
            "Use code FALL thirty (expires ten, thirty one); card expires ten, twenty seven, valid through "
            "ten, thirty one, expires oh eight, twenty seven.",
        ),
        (
            "Level up to Lv. 50, reach lvl 20 and beat the Lvl. 3 boss.",
            "Level up to Level fifty, reach level twenty and beat the Level three boss.",
            "Level up to Level fifty, reach level twenty and beat the Level three boss.",
        ),
        (
            "Open between 9am-5pm, between Mon-Fri, for between 10-15 kg, between pages 4-7 and between "
            "£10-£20; pages 4-7 stay a range.",
            "Open between nine AM and five PM, between Monday and Friday, for between ten and fifteen "
            "kilograms, between pages four and seven and between ten pounds and twenty pounds; pages four to "
            "seven stay a range.",
            "Open between nine AM and five PM, between Monday and Friday, for between ten and fifteen "
            "kilograms, between pages four and seven and between ten pounds and twenty pounds; pages four to "
            "seven stay a range.",
        ),
        (
            "Tickets £25 (conc. £18), 5 mins' walk from the stn.; pay £9.50 p.w. or £38 p.c.m.",
            "Tickets twenty five pounds (concessions eighteen pounds), five minutes' walk from the station; "
            "pay nine pounds fifty per week or thirty eight pounds per calendar month.",
            "Tickets twenty five pounds (concessions eighteen pounds), five minutes' walk from the station; "
            "pay nine pounds fifty per week or thirty eight pounds per calendar month.",
        ),
        (
            "It sold at $4.25 a sq ft, or £20 per sq m; a 1.8 m rug, a 3 s delay and a 40 W bulb, but a 1 in 3 chance.",
            "It sold at four dollars and twenty five cents a square foot, or twenty pounds per square meter; "
            "a one point eight meter rug, a three second delay and a forty watt bulb, but a one in three "
            "chance.",
            "It sold at four dollars and twenty five cents a square foot, or twenty pounds per square metre; "
            "a one point eight metre rug, a three second delay and a forty watt bulb, but a one in three "
            "chance.",
        ),
        (
            "Download v2.0 or v1.05; mix 1 1/2 c. flour and 2 Tbsp. butter; 365 days a yr., two yrs. ago.",
            "Download version two point zero or version one point zero five; mix one and a half cups of "
            "flour and two tablespoons of butter; three hundred sixty five days a year, two years ago.",
            "Download version two point zero or version one point zero five; mix one and a half cups of "
            "flour and two tablespoons of butter; three hundred and sixty five days a year, two years ago.",
        ),
        (
            "Closed Sat/Sun and closed on Sat/Sun, but open late Fri/Sat nights.",
            "Closed Saturday and Sunday and closed on Saturday and Sunday, but open late Friday or Saturday nights.",
            "Closed Saturday and Sunday and closed on Saturday and Sunday, but open late Friday or Saturday nights.",
        ),
        (
            "Use by 10/31; due 12/25; on Wed. 1/15; results due 24/10, kick-off on 16/08.",
            "Use by October thirty first; due December twenty fifth; on Wednesday January fifteenth; results "
            "due October twenty fourth, kick-off on August sixteenth.",
            "Use by the thirty first of October; due the twenty fifth of December; on Wednesday the "
            "fifteenth of January; results due the twenty fourth of October, kick-off on the sixteenth of "
            "August.",
        ),
    ],
    "codes, model numbers and dates after what happened": [
        (
            "Fixed in CVE-2023-1234; see ISO-8601 and SKU 12-345-678, part no. 4-1123-09.",
            "Fixed in C-V-E, twenty twenty three, twelve thirty four; see eye so-eighty six oh one and S-K-U twelve, "
            "three forty five, six seventy eight, part number four, eleven twenty three, zero nine.",
            "Fixed in C-V-E, twenty twenty three, twelve thirty four; see eye so-eighty six oh one and S-K-U twelve, "
            "three forty five, six seventy eight, part number four, eleven twenty three, oh nine.",
        ),
        (
            "ISBN 978-0-306-40615-7, a Ford F-150, Flight UA-921, the B-52 and COVID-19.",
            "I-S-B-N nine seventy eight, zero, three oh six, forty six fifteen, seven, a Ford F-one fifty, Flight "
            "U-A-nine twenty one, the B-fifty two and Covid-nineteen.",
            "I-S-B-N nine seventy eight, zero, three oh six, forty six fifteen, seven, a Ford F-one fifty, Flight "
            "U-A-nine twenty one, the B-fifty two and Covid-nineteen.",
        ),
        (
            "Get a Core i9-14900K, an i7-13700H or a Ryzen 9 7950X; a 2700K bulb.",
            "Get a Core i nine-fourteen nine hundred K, an i seven-thirteen seven hundred H or a Ryzen nine "
            "seventy nine fifty X; a twenty seven hundred K bulb.",
            "Get a Core i nine-fourteen nine hundred K, an i seven-thirteen seven hundred H or a Ryzen nine "
            "seventy nine fifty X; a twenty seven hundred K bulb.",
        ),
        (
            "A 4-4-2, a 3-5-10 split and scores of 15-30-45.",
            "A four four two, a three, five, ten split and scores of fifteen, thirty, forty five.",
            "A four four two, a three, five, ten split and scores of fifteen, thirty, forty five.",
        ),
        (
            "Dated 12-25-24 and 01-15-25; filed 12/25/99.",
            "Dated December twenty fifth, twenty twenty four and January fifteenth, twenty twenty five; filed "
            "December twenty fifth, nineteen ninety nine.",
            "Dated the twenty fifth of December, twenty twenty four and the fifteenth of January, twenty "
            "twenty five; filed the twenty fifth of December, nineteen ninety nine.",
        ),
        (
            "It arrived 6/2 and left 6/9; delivered 7/4, returned 7/18.",
            "It arrived June second and left June ninth; delivered July fourth, returned July eighteenth.",
            "It arrived the sixth of February and left the sixth of September; delivered the seventh of April, "
            "returned the eighteenth of July.",
        ),
        (
            "Born 3/14, died 4/26; we sold 6/10 tickets by 6/2 and paid 3/4 of the bill.",
            "Born March fourteenth, died April twenty sixth; we sold six out of ten tickets by June second and "
            "paid three quarters of the bill.",
            "Born the fourteenth of March, died the twenty sixth of April; we sold six out of ten tickets by "
            "the sixth of February and paid three quarters of the bill.",
        ),
        (
            "The 787 Dreamliner, two 747 jets and 757 freighters (but 707 people).",
            "The seven eighty seven Dreamliner, two seven forty seven jets and seven fifty seven freighters "
            "(but seven hundred seven people).",
            "The seven eighty seven Dreamliner, two seven forty seven jets and seven fifty seven freighters "
            "(but seven hundred and seven people).",
        ),
        (
            "The bill, H.R. 3684, passed; S.B. 1047 and H.R. 815 did not.",
            "The bill, H.R. thirty six eighty four, passed; S.B. ten forty seven and H.R. eight fifteen did not.",
            "The bill, H.R. thirty six eighty four, passed; S.B. ten forty seven and H.R. eight fifteen did not.",
        ),
        (
            "Omega-3s, F-35s and MiG-29s (but a 3-5s gap).",
            "Omega-threes, F-thirty fives and MiG-twenty nines (but a three to five second gap).",
            "Omega-threes, F-thirty fives and MiG-twenty nines (but a three to five second gap).",
        ),
        (
            "A 737-800; SSN 123-45-6789; see Fig. 3-2, Table 4-1 and Eq. (2.3); the 24-7 shop; 40.7128° N, 74.0060° W.",
            "A seven thirty seven eight hundred; S-S-N one two three, four five, six seven eight nine; see Figure "
            "three two, Table four one and Equation (two point three); the twenty four seven shop; forty point seven "
            "one two eight degrees north, seventy four point zero zero six zero degrees west.",
            "A seven thirty seven eight hundred; S-S-N one two three, four five, six seven eight nine; see Figure "
            "three two, Table four one and Equation (two point three); the twenty four seven shop; forty point seven "
            "one two eight degrees north, seventy four point zero zero six zero degrees west.",
        ),
        (
            "NI No. QQ123456C; tracking 1Z999AA10123456784; the B4009 (but 14900K and WASHINGTON).",
            "N-I Number Q Q one two three four five six C; tracking one Z nine nine nine A A one zero one two three "
            "four five six seven eight four; the B four oh oh nine (but fourteen nine hundred K and WASHINGTON).",
            "N-I Number Q Q one two three four five six C; tracking one Z nine nine nine A A one oh one two three four"
            " five six seven eight four; the B four oh oh nine (but fourteen nine hundred K and WASHINGTON).",
        ),
    ],
    "millions, circa, roads, numerals' possessives and sizes": [
        (
            "Population grew from 1.2 mil. to 3.4 mil. by 2020; ca. 20% of kids; a 6 mil sheet.",
            "Population grew from one point two million to three point four million by twenty twenty; circa "
            "twenty percent of kids; a six mil sheet.",
            "Population grew from one point two million to three point four million by twenty twenty; circa "
            "twenty percent of kids; a six mil sheet.",
        ),
        (
            "Take Hwy. 1 N, then Highway 101 to Route 128, US 395 S, I-405 and Route 9 NB to Exit 42B (but 3 N "
            "of here).",
            "Take Highway one North, then Highway one oh one to Route one twenty eight, US three ninety five "
            "South, I four oh five and Route nine northbound to Exit forty two B (but three N of here).",
            "Take Highway one North, then Highway one oh one to Route one twenty eight, US three ninety five "
            "South, I four oh five and Route nine northbound to Exit forty two B (but three N of here).",
        ),
        (
            "The US 350 million fund and US 500 troops, but US 395 to Reno; Route 66.",
            "The US three hundred fifty million fund and US five hundred troops, but US three ninety five to Reno; "
            "Route sixty six.",
            "The US three hundred and fifty million fund and US five hundred troops, but US three ninety five to "
            "Reno; Route sixty six.",
        ),
        (
            "Louis XIV's palace, Elizabeth II's reign and Apollo XIII's crew; the FBI's files.",
            "Louis the fourteenth's palace, Elizabeth the second's reign and Apollo thirteen's crew; the FBI's files.",
            "Louis the fourteenth's palace, Elizabeth the second's reign and Apollo thirteen's crew; the FBI's files.",
        ),
        (
            "The box measures 12 x 9 x 4 in.",
            "The box measures twelve by nine by four inches.",
            "The box measures twelve by nine by four inches.",
        ),
        (
            "Free for U5s; the U12s and U-16s won (but U2 played).",
            "Free for under-fives; the under-twelves and under-sixteens won (but U two played).",
            "Free for under-fives; the under-twelves and under-sixteens won (but U two played).",
        ),
        (
            "See para. (b), para. 4 and paras. 2-3; alt. 320 m (but Ctrl+Alt. 2).",
            "See paragraph (b), paragraph four and paragraphs two to three; altitude three hundred twenty "
            "meters (but Control Alt. two).",
            "See paragraph (b), paragraph four and paragraphs two to three; altitude three hundred and twenty "
            "metres (but Control Alt. two).",
        ),
        (
            "In the 1950s–60s and the '80s-'90s (but took 60s-90s each).",
            "In the nineteen fifties to sixties and the eighties to nineties (but took sixty seconds to ninety "
            "seconds each).",
            "In the nineteen fifties to sixties and the eighties to nineties (but took sixty seconds to ninety "
            "seconds each).",
        ),
        (
            "Got 1/10th the value; a 1/4 share, a 3/4 cup of milk and a 2/3 majority.",
            "Got one tenth the value; a quarter share, a three quarter cup of milk and a two thirds majority.",
            "Got one tenth the value; a quarter share, a three quarter cup of milk and a two thirds majority.",
        ),
        (
            "Office hours: M/W/F 1–3 p.m.; T/Th by appt. (but M/F, T/F and W/R/T).",
            "Office hours: Monday, Wednesday and Friday one to three PM; Tuesday and Thursday by appointment "
            "(but M F, T F and W/R/T).",
            "Office hours: Monday, Wednesday and Friday one to three PM; Tuesday and Thursday by appointment "
            "(but M F, T F and W/R/T).",
        ),
        (
            "Q1 (Jan–Mar), Apr-Jun and the Jul/Aug issue.",
            "Q one (January to March), April to June and the July and August issue.",
            "Q one (January to March), April to June and the July and August issue.",
        ),
        (
            "At 3 AM (GMT+9), UTC-5 and UTC+5:30.",
            "At three AM (GMT plus nine), UTC minus five and UTC plus five thirty.",
            "At three AM (GMT plus nine), UTC minus five and UTC plus five thirty.",
        ),
        (
            "B2B and B2C; use K8s and MP3s (but a 4x100m relay and a 5s delay).",
            "B two B and B two C; use Kubernetes and MP threes (but a four by one hundred meter relay and a "
            "five second delay).",
            "B two B and B two C; use Kubernetes and MP threes (but a four by one hundred metre relay and a "
            "five second delay).",
        ),
        (
            "Rate it 5/5 ★; 10/10 would buy; a 5/5 rating (but 20/20 vision).",
            "Rate it five out of five stars; ten out of ten would buy; a five out of five rating (but twenty "
            "twenty vision).",
            "Rate it five out of five stars; ten out of ten would buy; a five out of five rating (but twenty "
            "twenty vision).",
        ),
        (
            "The 3-pt. line and a 2 pt conversion (but 3 pt. of milk); his pace 7:30/mile and 4:50/km.",
            "The three point line and a two point conversion (but three pints of milk); his pace seven thirty "
            "per mile and four fifty per kilometer.",
            "The three point line and a two point conversion (but three pints of milk); his pace seven thirty "
            "per mile and four fifty per kilometre.",
        ),
        (
            "He batted .312; a .300 hitter (but a .375 ratio and .5 mg).",
            "He batted three twelve; a three hundred hitter (but a point three seven five ratio and point five "
            "milligrams).",
            "He batted three twelve; a three hundred hitter (but a point three seven five ratio and point five "
            "milligrams).",
        ),
        (
            "Apt 2B, 12 Main St, Austin TX 78701-1234; $89,900 OBO; a 2019 Civic, 45k mi.",
            "Apartment two B, twelve Main Street, Austin Texas seven eight seven zero one, one two three four; "
            "eighty nine thousand nine hundred dollars or best offer; a twenty nineteen Civic, forty five "
            "thousand miles.",
            "Apartment two B, twelve Main Street, Austin Texas seven eight seven oh one, one two three four; "
            "eighty nine thousand nine hundred dollars or best offer; a twenty nineteen Civic, forty five "
            "thousand miles.",
        ),
        (
            "A budget of $2.5-3M and $1-2bn; two $20s; he owes -$50 (or +$5); Rs. 500.",
            "A budget of two point five to three million dollars and one to two billion dollars; two twenties; "
            "he owes minus fifty dollars (or plus five dollars); five hundred rupees.",
            "A budget of two point five to three million dollars and one to two billion dollars; two twenties; "
            "he owes minus fifty dollars (or plus five dollars); five hundred rupees.",
        ),
        (
            "The room is 12' x 14', with 10' ceilings and a 6' fence; 6' tall.",
            "The room is twelve feet by fourteen feet, with ten foot ceilings and a six foot fence; six feet tall.",
            "The room is twelve feet by fourteen feet, with ten foot ceilings and a six foot fence; six feet tall.",
        ),
        (
            "300 hp, 400 lb-ft and 350 Nm; 3 μm; 240 V AC.",
            "three hundred horsepower, four hundred pound-feet and three hundred fifty newton meters; three "
            "micrometers; two hundred forty volts A-C.",
            "three hundred horsepower, four hundred pound-feet and three hundred and fifty newton metres; three "
            "micrometres; two hundred and forty volts A-C.",
        ),
        (
            "HT 1-1, FT 3-1; at half-time 0-0.",
            "half time one to one, full time three to one; at half-time zero to zero.",
            "half time one one, full time three one; at half-time nil nil.",
        ),
        (
            "Call (555) 123-4567 ext. 204 or Extension 4421 (but ext. 12); dial 1300 655 506 or 1800 123 456.",
            "Call five five five, one two three, four five six seven extension two zero four or Extension four "
            "four two one (but extension twelve); dial thirteen hundred, six five five, five zero six or "
            "one eight hundred, one two three, four five six.",
            "Call five five five, one two three, four five six seven extension two oh four or Extension four "
            "four two one (but extension twelve); dial thirteen hundred, six five five, five oh six or "
            "one eight hundred, one two three, four five six.",
        ),
        (
            "See you Weds. 4 Dec or on Sat (but on Sun Microsystems); due THU 14 NOV 2024.",
            "See you Wednesday, December fourth or on Saturday (but on Sun Microsystems); due Thursday, "
            "November fourteenth, twenty twenty four.",
            "See you Wednesday, the fourth of December or on Saturday (but on Sun Microsystems); due Thursday, "
            "the fourteenth of November, twenty twenty four.",
        ),
        (
            "Suite 210, 4400 W. Main St. and 221 Baker St.; open Sat. 9–noon (but 18 Elm St.).",
            "Suite two ten, forty four hundred West Main Street and two twenty one Baker Street; open "
            "Saturday nine to noon (but eighteen Elm Street).",
            "Suite two ten, forty four hundred West Main Street and two twenty one Baker Street; "
            "open Saturday nine to noon (but eighteen Elm Street).",
        ),
        (
            "On 03.04.2025; dep. FRA 13:05, arr. JFK 15:50; ₹1,234 crore.",
            "On April third, twenty twenty five; departs F-R-A thirteen oh five, arrives J-F-K fifteen fifty; one "
            "thousand two hundred thirty four crore rupees.",
            "On the third of April, twenty twenty five; departs F-R-A thirteen oh five, arrives J-F-K fifteen fifty; "
            "one thousand two hundred and thirty four crore rupees.",
        ),
        (
            "Add 1/2 c. onion; bake 45-50 min. at 350°; 320 cal. a serving.",
            "Add half a cup of onion; bake forty five to fifty minutes at three hundred fifty degrees; three "
            "hundred twenty calories a serving.",
            "Add half a cup of onion; bake forty five to fifty minutes at three hundred and fifty degrees; "
            "three hundred and twenty calories a serving.",
        ),
        (
            "Reviews: ★★★★★ and ★★★☆☆; ★ only.",
            "Reviews: five stars and three out of five stars; one star only.",
            "Reviews: five stars and three out of five stars; one star only.",
        ),
        (
            "Press # then *, and 5 * 3 = 15 (but a * marks it).",
            "Press pound then star, and five times three equals fifteen (but a star marks it).",
            "Press hash then star, and five times three equals fifteen (but a star marks it).",
        ),
        (
            "A 400m hurdles win and 10 x 400m repeats (but 2m people).",
            "A four hundred meter hurdles win and ten by four hundred meter repeats (but two million people).",
            "A four hundred metre hurdles win and ten by four hundred metre repeats (but two million people).",
        ),
        (
            "Over 1M+ customers and 10k+ users.",
            "Over one million plus customers and ten thousand plus users.",
            "Over one million plus customers and ten thousand plus users.",
        ),
        (
            "Louis Armstrong (b. 1901, d. 1971) had a GPA of 3.9/4.0 (but plan b. 2020).",
            "Louis Armstrong (born nineteen oh one, died nineteen seventy one) had a G-P-A of three point nine out of "
            "four point zero (but plan b. twenty twenty).",
            "Louis Armstrong (born nineteen oh one, died nineteen seventy one) had a G-P-A of three point nine out of "
            "four point zero (but plan b. twenty twenty).",
        ),
        (
            "He was born c. 1850 and d. 1920.",
            "He was born circa eighteen fifty and died nineteen twenty.",
            "He was born circa eighteen fifty and died nineteen twenty.",
        ),
        (
            "Use 2-3 tbsp. oil and 1-2 tsp salt (but 2-3 tbsp each).",
            "Use two to three tablespoons of oil and one to two teaspoons of salt (but two to three tablespoons each).",
            "Use two to three tablespoons of oil and one to two teaspoons of salt (but two to three tablespoons each).",
        ),
    ],
    "coordinates, counted measures, extensions, large scores and dates in lower case": [
        (
            "Latitude 51°30′N is London, at 51°30′26″N 0°7′39″W.",
            "Latitude fifty one degrees thirty minutes north is London, at fifty one degrees thirty minutes "
            "twenty six seconds north zero degrees seven minutes thirty nine seconds west.",
            "Latitude fifty one degrees thirty minutes north is London, at fifty one degrees thirty minutes "
            "twenty six seconds north zero degrees seven minutes thirty nine seconds west.",
        ),
        (
            "The wreck lies at 41°43'57\"N 49°56'49\"W; Sydney at 33° 52.5' S, 151° 12.5' E.",
            "The wreck lies at forty one degrees forty three minutes fifty seven seconds north forty nine "
            "degrees fifty six minutes forty nine seconds west; Sydney at thirty three degrees fifty two point "
            "five minutes south, one hundred fifty one degrees twelve point five minutes east.",
            "The wreck lies at forty one degrees forty three minutes fifty seven seconds north forty nine "
            "degrees fifty six minutes forty nine seconds west; Sydney at thirty three degrees fifty two point "
            "five minutes south, one hundred and fifty one degrees twelve point five minutes east.",
        ),
        (
            "Set the angle to 45°30' and it was 1°1′1″ off.",
            "Set the angle to forty five degrees thirty minutes and it was one degree one minute one second off.",
            "Set the angle to forty five degrees thirty minutes and it was one degree one minute one second off.",
        ),
        (
            "Two 3 kW heaters and three 100 W bulbs are enough.",
            "Two three kilowatt heaters and three one hundred watt bulbs are enough.",
            "Two three kilowatt heaters and three one hundred watt bulbs are enough.",
        ),
        (
            "Buy two 5 kg bags of rice and several 500 ml bottles.",
            "Buy two five kilogram bags of rice and several five hundred milliliter bottles.",
            "Buy two five kilogram bags of rice and several five hundred millilitre bottles.",
        ),
        (
            "I need two 2 m cables, and both 10 ft boards were warped.",
            "I need two two meter cables, and both ten foot boards were warped.",
            "I need two two metre cables, and both ten foot boards were warped.",
        ),
        (
            "Call me at x204 after lunch, or 555-0142 x89; zoom x100 on the moon.",
            "Call me at extension two zero four after lunch, or five five five, zero one four two, extension "
            "eight nine; zoom times one hundred on the moon.",
            "Call me at extension two oh four after lunch, or five five five, oh one four two, extension eight "
            "nine; zoom times one hundred on the moon.",
        ),
        (
            "The sale ends thu. 14 nov. at noon, see you sat 7 december 2024!",
            "The sale ends Thursday, November fourteenth at noon, see you Saturday, December seventh, twenty "
            "twenty four!",
            "The sale ends Thursday, the fourteenth of November at noon, see you Saturday, the seventh of "
            "December, twenty twenty four!",
        ),
        (
            "We fly out 3 jan and back 17 feb.; deadline: fri 1 aug",
            "We fly out January third and back February seventeenth; deadline: Friday, August first",
            "We fly out the third of January and back the seventeenth of February; deadline: Friday, the first "
            "of August",
        ),
        (
            "The 14 march protest was on 14 mar., to 2 dec. places.",
            "The fourteen march protest was on March fourteenth, to two dec. places.",
            "The fourteen march protest was on the fourteenth of March, to two dec. places.",
        ),
        (
            "She scored 1450/1600 on the SAT and sold 1200/2000 seats in the 2023/2024 season.",
            "She scored one thousand four hundred fifty out of one thousand six hundred on the SAT and sold "
            "one thousand two hundred out of two thousand seats in the twenty twenty three to twenty twenty "
            "four season.",
            "She scored one thousand four hundred and fifty out of one thousand six hundred on the SAT and "
            "sold one thousand two hundred out of two thousand seats in the twenty twenty three to twenty "
            "twenty four season.",
        ),
        (
            "The Chiefs are -3.5 favorites, O/U 47.5; take 1 tablet BID x 7 days.",
            "The Chiefs are minus three point five favorites, over under forty seven point five; take one "
            "tablet twice a day for seven days.",
            "The Chiefs are minus three point five favorites, over under forty seven point five; take one "
            "tablet twice a day for seven days.",
        ),
        (
            "The 10:42 is delayed by c. 20 mins; he was jailed for 2 yrs 6 mths.",
            "The ten forty two is delayed by circa twenty minutes; he was jailed for two years six months.",
            "The ten forty two is delayed by circa twenty minutes; he was jailed for two years six months.",
        ),
        (
            "Our flat is on the 3rd flr, rent £1.2k pcm; T&Cs apply.",
            "Our flat is on the third floor, rent one thousand two hundred pounds per calendar month; Ts and Cs apply.",
            "Our flat is on the third floor, rent one thousand two hundred pounds per calendar month; Ts and Cs apply.",
        ),
        (
            "Install Node.js v20.x or later; we hit 50K 5-star reviews and 2M 3-bedroom homes.",
            "Install Node.js version twenty point x or later; we hit fifty thousand five-star reviews and two "
            "million three-bedroom homes.",
            "Install Node.js version twenty point x or later; we hit fifty thousand five-star reviews and two "
            "million three-bedroom homes.",
        ),
        (
            "Lot #27 sold for $3.2K — 15% above the est. of $2,800; our est. was low.",
            "Lot number twenty seven sold for three thousand two hundred dollars — fifteen percent above the "
            "estimate of two thousand eight hundred dollars; our estimate was low.",
            "Lot number twenty seven sold for three thousand two hundred dollars — fifteen percent above the "
            "estimate of two thousand eight hundred dollars; our estimate was low.",
        ),
        (
            "The ¼-mile track hosts the 1/8th-mile drags, and a 1/2-hour show.",
            "The quarter-mile track hosts the eighth-mile drags, and a half-hour show.",
            "The quarter-mile track hosts the eighth-mile drags, and a half-hour show.",
        ),
        (
            "Flight BA 117 departs at 08:25, Flight UA921 was late and flight 3K 521 flies to Bali.",
            "Flight B A one seventeen departs at eight twenty five, Flight U A nine twenty one was late and "
            "flight three K five twenty one flies to Bali.",
            "Flight B A one seventeen departs at eight twenty five, Flight U A nine twenty one was late and "
            "flight three K five twenty one flies to Bali.",
        ),
    ],
    "continental times, amps, basis points, sized plurals and titles in capitals": [
        (
            "The train leaves at 14h30 and the ferry runs 9h15-11h45, though the crossing takes 2h30.",
            "The train leaves at fourteen thirty and the ferry runs nine fifteen to eleven forty five, though "
            "the crossing takes two hours thirty.",
            "The train leaves at fourteen thirty and the ferry runs nine fifteen to eleven forty five, though "
            "the crossing takes two hours thirty.",
        ),
        (
            "The gym opens 9:00-17:30 on weekdays and 6:00 on Sat.",
            "The gym opens nine o'clock to seventeen thirty on weekdays and six o'clock on Saturday.",
            "The gym opens nine o'clock to seventeen thirty on weekdays and six o'clock on Saturday.",
        ),
        (
            "Use a 13 A fuse, a 5V 2A charger or a 10A circuit; Flat 13A and seat 14A are labels.",
            "Use a thirteen amp fuse, a five volt two amp charger or a ten amp circuit; Flat thirteen A and "
            "seat fourteen A are labels.",
            "Use a thirteen amp fuse, a five volt two amp charger or a ten amp circuit; Flat thirteen A and "
            "seat fourteen A are labels.",
        ),
        (
            "Rates were cut by 25 bp and spreads widened 40bp, while the PCR gave a 500 bp fragment.",
            "Rates were cut by twenty five basis points and spreads widened forty basis points, while the P-C-R gave a"
            " five hundred base pair fragment.",
            "Rates were cut by twenty five basis points and spreads widened forty basis points, while the P-C-R gave a"
            " five hundred base pair fragment.",
        ),
        (
            "We stock 500g tubs, 10 m cables and 20 kg plates, and add 400g tomatoes.",
            "We stock five hundred gram tubs, ten meter cables and twenty kilogram plates, and add four "
            "hundred grams of tomatoes.",
            "We stock five hundred gram tubs, ten metre cables and twenty kilogram plates, and add four "
            "hundred grams of tomatoes.",
        ),
        (
            "She played GTA V with friends, then DOOM II; the USB X button stays a letter.",
            "She played G-T-A five with friends, then DOOM two; the USB X button stays a letter.",
            "She played G-T-A five with friends, then DOOM two; the USB X button stays a letter.",
        ),
        (
            'Quote ref. 1234/5678 and fit a 1/2" pipe to the 1/4 lb burger.',
            "Quote reference one two three four slash five six seven eight and fit a half inch pipe to the "
            "quarter pound burger.",
            "Quote reference one two three four slash five six seven eight and fit a half inch pipe to the "
            "quarter pound burger.",
        ),
        (
            "The LED bulb lit in the 4th qtr., up 12 pct.",
            "The LED bulb lit in the fourth quarter, up twelve percent.",
            "The LED bulb lit in the fourth quarter, up twelve percent.",
        ),
        (
            "Thurston Howell III and Martin Luther King III, but Final Fantasy III.",
            "Thurston Howell the third and Martin Luther King the third, but Final Fantasy three.",
            "Thurston Howell the third and Martin Luther King the third, but Final Fantasy three.",
        ),
    ],
    "timetables, aircraft variants, passengers and millions written short": [
        (
            "Flight 12 departs 0745 and arrives 1120; the ship leaves 2300 sharp, but 1400 hours of work remain.",
            "Flight twelve departs oh seven forty five and arrives eleven twenty; the ship leaves twenty three "
            "hundred sharp, but one thousand four hundred hours of work remain.",
            "Flight twelve departs oh seven forty five and arrives eleven twenty; the ship leaves twenty three "
            "hundred sharp, but one thousand four hundred hours of work remain.",
        ),
        (
            "The 787-9 seats 290 pax, the 737-800 about 160 and a 737-8 fewer.",
            "The seven eighty seven nine seats two hundred ninety passengers, the seven thirty seven eight "
            "hundred about one hundred sixty and a seven thirty seven eight fewer.",
            "The seven eighty seven nine seats two hundred and ninety passengers, the seven thirty seven eight "
            "hundred about one hundred and sixty and a seven thirty seven eight fewer.",
        ),
        (
            "Room temp. is 21 degrees; batteries last 10+ hrs and charge in 40 mins.",
            "Room temperature is twenty one degrees; batteries last ten plus hours and charge in forty minutes.",
            "Room temperature is twenty one degrees; batteries last ten plus hours and charge in forty minutes.",
        ),
        (
            "We raised $1.5 mil. in seed funding and $2 mil. Then we stopped.",
            "We raised one point five million dollars in seed funding and two million dollars. Then we stopped.",
            "We raised one point five million dollars in seed funding and two million dollars. Then we stopped.",
        ),
        (
            "The jet climbed to FL350, then descended to FL 090.",
            "The jet climbed to flight level three five zero, then descended to flight level zero nine zero.",
            "The jet climbed to flight level three five zero, then descended to flight level zero nine zero.",
        ),
        (
            "Trains run between 0600 and 2300 (between 1500 and 2000 people ride); population 67.3m, sales of 1.5m.",
            "Trains run between oh six hundred and twenty three hundred (between fifteen hundred and two "
            "thousand people ride); population sixty seven point three million, sales of one point five "
            "million.",
            "Trains run between oh six hundred and twenty three hundred (between fifteen hundred and two "
            "thousand people ride); population sixty seven point three million, sales of one point five "
            "million.",
        ),
        (
            "She took a temp. job, though her body temp. rose.",
            "She took a temp. job, though her body temperature rose.",
            "She took a temp. job, though her body temperature rose.",
        ),
    ],
    "temperature ranges by letter, roads to motorway standard, teams by their players and race distances": [
        (
            "Temperatures of 3-5C and highs of 25-28F tomorrow, but seats 14-16C are free.",
            "Temperatures of three to five degrees Celsius and highs of twenty five to twenty eight degrees "
            "Fahrenheit tomorrow, but seats fourteen to sixteen C are free.",
            "Temperatures of three to five degrees Celsius and highs of twenty five to twenty eight degrees "
            "Fahrenheit tomorrow, but seats fourteen to sixteen C are free.",
        ),
        (
            "The A1(M) was closed between J4 and J6, and the A404(M) at J9a.",
            "The A one M was closed between junction four and junction six, and the A four oh four M at "
            "junction nine a.",
            "The A one M was closed between junction four and junction six, and the A four oh four M at "
            "junction nine a.",
        ),
        (
            "The 1st XI won by 45 runs and the 2nd XV lost.",
            "The first eleven won by forty five runs and the second fifteen lost.",
            "The first eleven won by forty five runs and the second fifteen lost.",
        ),
        (
            "She ran 5k in 24:30 and 10k in 51:02.",
            "She ran five K in twenty four thirty and ten K in fifty one oh two.",
            "She ran five K in twenty four thirty and ten K in fifty one oh two.",
        ),
    ],
    "spec sheets, listings and notes written short": [
        (
            "Sleeps 6; 3BR/2BA; 1,200 sqft; the office is Rm 4, Bldg 2.",
            "Sleeps six; three bedrooms, two baths; one thousand two hundred square feet; the office is Room "
            "four, Building two.",
            "Sleeps six; three bedrooms, two baths; one thousand two hundred square feet; the office is Room "
            "four, Building two.",
        ),
        (
            "Dose: 1-2 tabs q4-6h prn, max 8/day.",
            "Dose: one to two tabs every four to six hours as needed, max eight a day.",
            "Dose: one to two tabs every four to six hours as needed, max eight a day.",
        ),
        (
            "It ships with 2x USB-C, 4x AA batteries and 3x faster charging.",
            "It ships with two USB-C, four A-A batteries and three times faster charging.",
            "It ships with two USB-C, four A-A batteries and three times faster charging.",
        ),
        (
            "EPS of $2.14 beat est. of $1.98; the est. for 2025 is higher.",
            "E-P-S of two dollars and fourteen cents beat estimate of one dollar and ninety eight cents; the estimate "
            "for twenty twenty five is higher.",
            "E-P-S of two dollars and fourteen cents beat estimate of one dollar and ninety eight cents; the estimate "
            "for twenty twenty five is higher.",
        ),
        (
            "The patient, a 67 y/o M, and a 54 y.o. F were seen; a 45 y/o male too.",
            "The patient, a sixty seven year old male, and a fifty four year old female were seen; a forty "
            "five year old male too.",
            "The patient, a sixty seven year old male, and a fifty four year old female were seen; a forty "
            "five year old male too.",
        ),
        (
            "The ISS orbits at 7.66 km/s.",
            "The I-S-S orbits at seven point six six kilometers per second.",
            "The I-S-S orbits at seven point six six kilometres per second.",
        ),
        (
            "Lv 50 unlocks XP x2 this wknd, before the 50th anniv. gala.",
            "Level fifty unlocks X-P times two this weekend, before the fiftieth anniversary gala.",
            "Level fifty unlocks X-P times two this weekend, before the fiftieth anniversary gala.",
        ),
        (
            "Flights from $199 r/t, taxes & fees incl. Prices incl. VAT.",
            "Flights from one hundred ninety nine dollars round trip, taxes and fees included. Prices including V-A-T.",
            "Flights from one hundred and ninety nine dollars round trip, taxes and fees included. Prices including "
            "V-A-T.",
        ),
        (
            "Her record: 12–3–1; ID req'd, and tix for the 2nd-gen. launch are $45.",
            "Her record: twelve three one; ID required, and tickets for the second-generation launch are forty "
            "five dollars.",
            "Her record: twelve three one; ID required, and tickets for the second-generation launch are forty "
            "five dollars.",
        ),
        (
            "Dinner for 2 is $85 pp, and the density is 27,000/sq mi.",
            "Dinner for two is eighty five dollars per person, and the density is twenty seven thousand per "
            "square mile.",
            "Dinner for two is eighty five dollars per person, and the density is twenty seven thousand per "
            "square mile.",
        ),
        (
            "On Tu. 4 Mar. Ms Lee met Mr Smith; on Tu. they rest.",
            "On Tuesday, March fourth. Miz Lee met Mr Smith; on Tuesday they rest.",
            "On Tuesday, the fourth of March. Miz Lee met Mr Smith; on Tuesday they rest.",
        ),
        (
            "Next-gen. consoles, but gen. ed. classes.",
            "Next-generation consoles, but gen. ed. classes.",
            "Next-generation consoles, but gen. ed. classes.",
        ),
    ],
    "citations, subdivisions and statistics": [
        (
            "Sections 3(a)–(c) and 12(b)(ii)-(iv) apply; so does rule 4(1)-(3).",
            "Sections three A to C and twelve B two to four apply; so does rule four one to three.",
            "Sections three A to C and twelve B two to four apply; so does rule four one to three.",
        ),
        (
            "Of the respondents (n=1,204), 3/4 agreed, p=0.03.",
            "Of the respondents (n equals one thousand two hundred four), three quarters agreed, p equals zero "
            "point zero three.",
            "Of the respondents (n equals one thousand two hundred and four), three quarters agreed, p equals "
            "zero point zero three.",
        ),
        (
            "Cited in Nature 585, 357–362 (2020); doi:10.1038/s41586-020-2649-2.",
            "Cited in Nature five eighty five, three hundred fifty seven to three hundred sixty two "
            "(twenty twenty); D O I one zero dot one zero three eight slash s four one five eight six dash "
            "zero two zero dash two six four nine dash two.",
            "Cited in Nature five eighty five, three hundred and fifty seven to three hundred and "
            "sixty two (twenty twenty); D O I one oh dot one oh three eight slash s four one five eight six "
            "dash oh two oh dash two six four nine dash two.",
        ),
        (
            "Lt. Col. Reed, USMC (Ret.), found p<0.001 and r>0.8.",
            "Lieutenant Colonel Reed, U-S-M-C (Retired), found p is less than zero point zero zero one and r is "
            "greater than zero point eight.",
            "Lieutenant Colonel Reed, U-S-M-C (Retired), found p is less than zero point zero zero one and r is "
            "greater than zero point eight.",
        ),
    ],
    "initials, letters, markup, emoji, articles, days of listings and more": [
        (
            "J. R. R. Tolkien, Michael J. Fox and Dr. A. Okafor signed; H.R. 3684 did not. Plan B. Then we left.",
            "J R R Tolkien, Michael J Fox and Doctor A Okafor signed; H.R. thirty six eighty four did not. "
            "Plan B. Then we left.",
            "J R R Tolkien, Michael J Fox and Doctor A Okafor signed; H.R. thirty six eighty four did not. "
            "Plan B. Then we left.",
        ),
        (
            "The Q&A, our R&D team, AT&T and the S&P 500; a B&B in York.",
            "The Q and A, our R and D team, A T and T and the S and P five hundred; a B and B in York.",
            "The Q and A, our R and D team, A T and T and the S and P five hundred; a B and B in York.",
        ),
        (
            "The airline retired its 747s and bought two A320s; she owns two Boeing 737s.",
            "The airline retired its seven forty sevens and bought two A three twenties; she owns two Boeing "
            "seven thirty sevens.",
            "The airline retired its seven forty sevens and bought two A three twenties; she owns two Boeing "
            "seven thirty sevens.",
        ),
        (
            "Ships in 3–5 bus. days; we took the bus. Days later it came.",
            "Ships in three to five business days; we took the bus. Days later it came.",
            "Ships in three to five business days; we took the bus. Days later it came.",
        ),
        (
            "Between 1500 and 2000 hours of work, between 0600 and 2300 hours.",
            "Between fifteen hundred and two thousand hours of work, between oh six hundred and twenty three "
            "hundred hours.",
            "Between fifteen hundred and two thousand hours of work, between oh six hundred and twenty three "
            "hundred hours.",
        ),
        (
            "Hours: Mo-Fr 9-17, Sa 10-4, Su closed. We closed early on Tu–Th.",
            "Hours: Monday to Friday nine to seventeen, Saturday ten to four, Sunday closed. We closed early "
            "on Tuesday to Thursday.",
            "Hours: Monday to Friday nine to seventeen, Saturday ten to four, Sunday closed. We closed early "
            "on Tuesday to Thursday.",
        ),
        (
            "**Note:** prices rise 40%* from *today*, see the docs[1]; 2 * 3 stays, as does dial *67.",
            "Note: prices rise forty percent from today, see the docs; two times three stays, as does dial "
            "star sixty seven.",
            "Note: prices rise forty percent from today, see the docs; two times three stays, as does dial "
            "star sixty seven.",
        ),
        (
            "# Summary\n## The plan\n* Drink water\n+ Sleep 8 hours\nIt works. Tickets #5 and #6.",
            "Summary The plan Drink water Sleep eight hours It works. Tickets number five and number six.",
            "Summary The plan Drink water Sleep eight hours It works. Tickets number five and number six.",
        ),
        (
            "It runs at 60 FPS in 4K on PS5, shot in 4K HDR at 120 Hz; 4K views stay thousands.",
            "It runs at sixty F-P-S in four K on P-S five, shot in four K H-D-R at one hundred twenty hertz; four "
            "thousand views stay thousands.",
            "It runs at sixty F-P-S in four K on P-S five, shot in four K H-D-R at one hundred and twenty hertz; four "
            "thousand views stay thousands.",
        ),
        (
            "Our API handles 10k req/s and 60 tokens/s; add 5 µL of enzyme; a 2 µs delay, then 1 ns.",
            "Our API handles ten thousand requests per second and sixty tokens per second; add five "
            "microliters of enzyme; a two microsecond delay, then one nanosecond.",
            "Our API handles ten thousand requests per second and sixty tokens per second; add five "
            "microlitres of enzyme; a two microsecond delay, then one nanosecond.",
        ),
        (
            "Sr. Mary Agnes met the Rt. Hon. Rishi Sunak MP in Boston, Mass., and John Smith Sr. in Trenton, N.J.",
            "Sister Mary Agnes met the Right Honourable Rishi Sunak MP in Boston, Massachusetts, and John "
            "Smith Senior in Trenton, New Jersey.",
            "Sister Mary Agnes met the Right Honourable Rishi Sunak MP in Boston, Massachusetts, and John "
            "Smith Senior in Trenton, New Jersey.",
        ),
        (
            "Sure! 😊 I ❤️ NY 🎉🎉, 👨‍👩‍👧 came, ★★★★☆ stays; 👋🏽 bye.",
            "Sure! I love N-Y , came, four out of five stars stays; bye.",
            "Sure! I love N-Y , came, four out of five stars stays; bye.",
        ),
        (
            "The 2001-07 records and the 2008-12 crisis cost about $1.5K, a £2.5k bonus and 2.3K likes; 1990-95 stays.",
            "The two thousand one to two thousand seven records and the two thousand eight to twenty twelve "
            "crisis cost about one thousand five hundred dollars, a two thousand five hundred pound bonus and "
            "two point three thousand likes; nineteen ninety to ninety five stays.",
            "The two thousand and one to two thousand and seven records and the two thousand and eight to "
            "twenty twelve crisis cost about one thousand five hundred dollars, a two thousand five hundred "
            "pound bonus and two point three thousand likes; nineteen ninety to ninety five stays.",
        ),
        (
            "Read [the docs](https://example.com/docs) and [page 2](/help/p2) first; arr[0](x) stays.",
            "Read the docs and page two first; arr[zero](x) stays.",
            "Read the docs and page two first; arr[zero](x) stays.",
        ),
        (
            "Tues 5th at 3: a 1/8 inch bit, a 11-year-old, an 80s hit and a 30s clip; 9.8 m/s².",
            "Tuesday the fifth at three: an eighth inch bit, an eleven-year-old, an eighties hit and a thirty "
            "second clip; nine point eight meters per second squared.",
            "Tuesday the fifth at three: an eighth inch bit, an eleven-year-old, an eighties hit and a thirty "
            "second clip; nine point eight metres per second squared.",
        ),
        (
            "The EU's €750bn fund, a 3-yr, $45M contract (he's $20 short); tickets $25 adv., $30 door; Lvl 50.",
            "The EU's seven hundred fifty billion euro fund, a three year, forty five million dollar contract "
            "(he's twenty dollars short); tickets twenty five dollars advance, thirty dollars door; Level "
            "fifty.",
            "The EU's seven hundred and fifty billion euro fund, a three year, forty five million dollar "
            "contract (he's twenty dollars short); tickets twenty five dollars advance, thirty dollars door; "
            "Level fifty.",
        ),
        (
            "Kick-off 3pm Sat; 12.30 Sun; open 9.30-5.30, at 7.45 on Fri (but it costs 12.30 and 1.50 per kilo).",
            "Kick-off three PM Saturday; twelve thirty Sunday; open nine thirty to five thirty, at seven forty "
            "five on Friday (but it costs twelve point three zero and one point five zero per kilo).",
            "Kick-off three PM Saturday; twelve thirty Sunday; open nine thirty to five thirty, at seven forty "
            "five on Friday (but it costs twelve point three zero and one point five zero per kilo).",
        ),
        (
            "Call 111 or 999; Bloggs & Co. Ltd; 3 A*s; temps of 30C+; take 2 x 500mg tablets, 6 x 330ml cans "
            "(2 x 2 m panels).",
            "Call one one one or nine nine nine; Bloggs and Company Limited; three A stars; temps of thirty "
            "degrees Celsius plus; take two five hundred milligram tablets, six three hundred thirty "
            "milliliter cans (two by two meter panels).",
            "Call one one one or nine nine nine; Bloggs and Company Limited; three A stars; temps of thirty "
            "degrees Celsius plus; take two five hundred milligram tablets, six three hundred and thirty "
            "millilitre cans (two by two metre panels).",
        ),
        (
            "Sure! The answer is **42**, up **12%**.\n1. **Preheat** to 350°F.\n2. Mix well.",
            "Sure! The answer is forty two, up twelve percent. one. Preheat to three hundred fifty degrees "
            "Fahrenheit. two. Mix well.",
            "Sure! The answer is forty two, up twelve percent. one. Preheat to three hundred and fifty degrees "
            "Fahrenheit. two. Mix well.",
        ),
        (
            "We sold 2,500 sq. ft. at $9.50/sq. ft. and $30/sqft.",
            "We sold two thousand five hundred square feet at nine dollars and fifty cents per square foot and "
            "thirty dollars per square foot.",
            "We sold two thousand five hundred square feet at nine dollars and fifty cents per square foot and "
            "thirty dollars per square foot.",
        ),
        (
            "Approx 30 ppl came; Tel: 555-0123; Hrs: 9a-5p M-F (Tel Aviv stays).",
            "Approximately thirty people came; Telephone: five five five, zero one two three; Hours: nine AM to "
            "five PM Monday to Friday (Tel Aviv stays).",
            "Approximately thirty people came; Telephone: five five five, oh one two three; Hours: nine AM to "
            "five PM Monday to Friday (Tel Aviv stays).",
        ),
        (
            "It's a 5-min walk from Stn. Rd. to Church Ln.",
            "It's a five minute walk from Station Road to Church Lane.",
            "It's a five minute walk from Station Road to Church Lane.",
        ),
    ],
    "tickers, a title's V, concentrations, counts with their share and more": [
        (
            "AAPL rose while TSLA and NVDA fell; two EVs and the IEEE.",
            "A-A-P-L rose while T-S-L-A and N-V-D-A fell; two E-V's and the I-E-E-E.",
            "A-A-P-L rose while T-S-L-A and N-V-D-A fell; two E-V's and the I-E-E-E.",
        ),
        (
            "A WORLD first, its TEXTS and the TWELFTH one, not ESPN or UUID.",
            "A World first, its Texts and the Twelfth one, not E-S-P-N or U-U-I-D.",
            "A World first, its Texts and the Twelfth one, not E-S-P-N or U-U-I-D.",
        ),
        (
            "Grand Theft Auto V and the Mark V tank, not Malcolm X.",
            "Grand Theft Auto five and the Mark five tank, not Malcolm X.",
            "Grand Theft Auto five and the Mark five tank, not Malcolm X.",
        ),
        (
            "The III Corps and XVIII Airborne Corps, not the Marine Corps.",
            "The third Corps and eighteenth Airborne Corps, not the Marine Corps.",
            "The third Corps and eighteenth Airborne Corps, not the Marine Corps.",
        ),
        (
            "Add 0.1 M NaCl to a 5 mM buffer, not 5M views.",
            "Add zero point one molar N-A-C-L to a five millimolar buffer, not five million views.",
            "Add zero point one molar N-A-C-L to a five millimolar buffer, not five million views.",
        ),
        (
            "She went 5/9 (55.6%), then ate 1/2 (50%) of it.",
            "She went five out of nine (fifty five point six percent), then ate one half (fifty percent) of it.",
            "She went five out of nine (fifty five point six percent), then ate one half (fifty percent) of it.",
        ),
        (
            "The forecast for 2030 looks good; 56k modems; an 8-spd auto; a 300 dpi scan.",
            "The forecast for twenty thirty looks good; fifty six K modems; an eight speed auto; a three hundred DPI "
            "scan.",
            "The forecast for twenty thirty looks good; fifty six K modems; an eight speed auto; a three hundred DPI "
            "scan.",
        ),
        (
            "Chelsea 2-0 Spurs, Lakers 112-104 Celtics, May 3-5 Paris.",
            "Chelsea two to zero Spurs, Lakers one hundred twelve to one hundred four Celtics, May third to fifth "
            "Paris.",
            "Chelsea two nil Spurs, Lakers one hundred and twelve to one hundred and four Celtics, the third to the "
            "fifth of May Paris.",
        ),
    ],
    "degrees, a time to an hour, service numbers, currency codes and more": [
        (
            "She earned a B.Sc. in 2014, then a D.Phil.; hours 9a-5p, Sat 10a-1p.",
            "She earned a B S C in twenty fourteen, then a D Phil; hours nine AM to five PM, Saturday ten AM to one "
            "PM.",
            "She earned a B S C in twenty fourteen, then a D Phil; hours nine AM to five PM, Saturday ten AM to one "
            "PM.",
        ),
        (
            "Dinner is 6:30-8 on a boat with a 14' beam.",
            "Dinner is six thirty to eight on a boat with a fourteen foot beam.",
            "Dinner is six thirty to eight on a boat with a fourteen foot beam.",
        ),
        (
            "Call 0345 600 1234 or 999 in an emergency.",
            "Call zero three four five, six zero zero, one two three four or nine nine nine in an emergency.",
            "Call oh three four five, six oh oh, one two three four or nine nine nine in an emergency.",
        ),
        (
            "Star Wars Ep. VIII, then Dial 112 in an emergency or call 101.",
            "Star Wars Episode eight, then Dial one one two in an emergency or call one zero one.",
            "Star Wars Episode eight, then Dial one one two in an emergency or call one oh one.",
        ),
        (
            "Eat M&Ms. A .45 caliber, the .22-cal. rifle, a .357 Magnum; it burns .45 cal per gram.",
            "Eat M and M's. A forty five caliber, the twenty two caliber rifle, a three fifty seven Magnum; it burns "
            "point four five calories per gram.",
            "Eat M and M's. A forty five caliber, the twenty two caliber rifle, a three fifty seven Magnum; it burns "
            "point four five calories per gram.",
        ),
        (
            "Chill 2+ hours, ideally o/n; 250 kcal/serving, $20/person, the unit/item.",
            "Chill two plus hours, ideally overnight; two hundred fifty kilocalories per serving, twenty dollars per "
            "person, the unit/item.",
            "Chill two plus hours, ideally overnight; two hundred and fifty kilocalories per serving, twenty dollars "
            "per person, the unit/item.",
        ),
        (
            "Tracking no. 1Z999AA10123456784; Ref. No. 45.",
            "Tracking number one Z nine nine nine A A one zero one two three four five six seven eight four; Reference "
            "number forty five.",
            "Tracking number one Z nine nine nine A A one oh one two three four five six seven eight four; Reference "
            "number forty five.",
        ),
        (
            "File Form W-2, a 1099-NEC and the 1040-SR.",
            "File Form W-two, a ten ninety nine-NEC and the ten forty-SR.",
            "File Form W-two, a ten ninety nine-NEC and the ten forty-SR.",
        ),
        (
            'A 27" 1440p 165Hz monitor; it is 27" wide.',
            "A twenty seven inch fourteen forty p one hundred sixty five hertz monitor; it is twenty seven inches "
            "wide.",
            "A twenty seven inch fourteen forty p one hundred and sixty five hertz monitor; it is twenty seven inches "
            "wide.",
        ),
        (
            "Revenue: CHF 2.5M, or EUR 1.199,00 (not USD 1,299).",
            "Revenue: two point five million Swiss francs, or one thousand one hundred ninety nine euros (not one "
            "thousand two hundred ninety nine dollars).",
            "Revenue: two point five million Swiss francs, or one thousand one hundred and ninety nine euros (not one "
            "thousand two hundred and ninety nine dollars).",
        ),
        (
            "A £2.50 coffee, the £12.50 fee, a 50p coin; it costs £24.99.",
            "A two pound fifty coffee, the twelve pound fifty fee, a fifty p coin; it costs twenty four pounds ninety "
            "nine.",
            "A two pound fifty coffee, the twelve pound fifty fee, a fifty p coin; it costs twenty four pounds ninety "
            "nine.",
        ),
        (
            "A $0.50 fee; a budget of $1.2–1.5 billion, $2-3M in cash.",
            "A fifty cent fee; a budget of one point two to one point five billion dollars, two to three million "
            "dollars in cash.",
            "A fifty cent fee; a budget of one point two to one point five billion dollars, two to three million "
            "dollars in cash.",
        ),
        (
            "The stock fell -4.5%, rose +3% and changed -2.1%.",
            "The stock fell four point five percent, rose three percent and changed minus two point one percent.",
            "The stock fell four point five percent, rose three percent and changed minus two point one percent.",
        ),
        (
            "See Sect. 4(b) and Cl. 7 of Sch. 2.",
            "See Section four B and Clause seven of Schedule two.",
            "See Section four B and Clause seven of Schedule two.",
        ),
        (
            "It's 10 p.c. cheaper, said a p.c.",
            "It's ten percent cheaper, said a p.c.",
            "It's ten percent cheaper, said a p.c.",
        ),
        (
            "Between 2005 and 2015, from 1914 to 1918, not between 0600 and 2330.",
            "Between two thousand five and twenty fifteen, from nineteen fourteen to nineteen eighteen, not between oh "
            "six hundred and twenty three thirty.",
            "Between two thousand and five and twenty fifteen, from nineteen fourteen to nineteen eighteen, not "
            "between oh six hundred and twenty three thirty.",
        ),
        (
            "Rainfall: 25.4 mm (1 in), 1 in 3 days.",
            "Rainfall: twenty five point four millimeters (one inch), one in three days.",
            "Rainfall: twenty five point four millimetres (one inch), one in three days.",
        ),
        (
            "I <3 NY, but values <3 are rare; sales ↑ 5%, costs ↓ 2%.",
            "I love N-Y, but values less than three are rare; sales up five percent, costs down two percent.",
            "I love N-Y, but values less than three are rare; sales up five percent, costs down two percent.",
        ),
        (
            "The 22nd and 23rd of May (not June 22nd and 23rd of May); 2/3rds agree, or 99/100.",
            "The twenty second and twenty third of May (not June twenty second and May twenty third); two thirds "
            "agree, or ninety nine out of one hundred.",
            "The twenty second and twenty third of May (not the twenty second of June and the twenty third of May); "
            "two thirds agree, or ninety nine out of one hundred.",
        ),
        (
            "Adm. Nelson, Cmdr. Bond and Assoc. Prof. Kim met Mlle. Dupont and Jo Doe, Esq.; hit Escape.",
            "Admiral Nelson, Commander Bond and Associate Professor Kim met Mademoiselle Dupont and Jo Doe, Esquire; "
            "hit Escape.",
            "Admiral Nelson, Commander Bond and Associate Professor Kim met Mademoiselle Dupont and Jo Doe, Esquire; "
            "hit Escape.",
        ),
    ],
    "sizes, stone, references, rates and more": [
        (
            "Open daily 9-5, Sat till 6pm, Sun closed (but in the end, Sun closed the deal).",
            "Open daily nine to five, Saturday till six PM, Sunday closed (but in the end, Sun closed the deal).",
            "Open daily nine to five, Saturday till six PM, Sunday closed (but in the end, Sun closed the deal).",
        ),
        (
            "The match finished 2-0; see pp 12-19; sales rose y-o-y.",
            "The match finished two to zero; see pages twelve to nineteen; sales rose year over year.",
            "The match finished two nil; see pages twelve to nineteen; sales rose year over year.",
        ),
        (
            "A4 is 210 × 297 mm; a 30 × 40 cm frame (but 3 × 4 = 12).",
            "A four is two hundred ten by two hundred ninety seven millimeters; a thirty by forty centimeter frame "
            "(but three times four equals twelve).",
            "A four is two hundred and ten by two hundred and ninety seven millimetres; a thirty by forty centimetre "
            "frame (but three times four equals twelve).",
        ),
        (
            "The 5K starts at 7; 45 cu yd of concrete; call (303) 555-0142 x 204 (but 10K steps).",
            "The five K starts at seven; forty five cubic yards of concrete; call three zero three, five five five, "
            "zero one four two, extension two zero four (but ten thousand steps).",
            "The five K starts at seven; forty five cubic yards of concrete; call three oh three, five five five, "
            "oh one four two, extension two oh four (but ten thousand steps).",
        ),
        (
            "The '98-'03 archive; carpet at $18/yd or $24/sq yd; call (212)555-0187.",
            "The ninety eight to oh three archive; carpet at eighteen dollars per yard or twenty four dollars per "
            "square yard; call two one two, five five five, zero one eight seven.",
            "The ninety eight to oh three archive; carpet at eighteen dollars per yard or twenty four dollars per "
            "square yard; call two one two, five five five, oh one eight seven.",
        ),
        (
            "Tips for 2025 start now, 40°C+ highs and $49.99 (reg. $79.99) (but for 2000 people, the reg. fee).",
            "Tips for twenty twenty five start now, forty degrees Celsius plus highs and forty nine dollars and "
            "ninety nine cents (regularly seventy nine dollars and ninety nine cents) (but for two thousand people, "
            "the reg. fee).",
            "Tips for twenty twenty five start now, forty degrees Celsius plus highs and forty nine dollars and "
            "ninety nine cents (regularly seventy nine dollars and ninety nine cents) (but for two thousand people, "
            "the reg. fee).",
        ),
        (
            "Cut 2 cm slices with 3 in. screws, 1/8 inch dowels and 10 mi hikes (but 5 km today, 6 ft tall).",
            "Cut two centimeter slices with three inch screws, eighth inch dowels and ten mile hikes (but five "
            "kilometers today, six feet tall).",
            "Cut two centimetre slices with three inch screws, eighth inch dowels and ten mile hikes (but five "
            "kilometres today, six feet tall).",
        ),
        (
            "Add 1/8 cup of milk, 2 1/8 cups of water and 1 1/8 in. screws (but 1/3 cup of rice).",
            "Add an eighth of a cup of milk, two and an eighth cups of water and one and an eighth inch screws (but "
            "a third of a cup of rice).",
            "Add an eighth of a cup of milk, two and an eighth cups of water and one and an eighth inch screws (but "
            "a third of a cup of rice).",
        ),
        (
            "Elizabeth I had none; a 2TB SSD and a 65 W USB charger; he weighs 13 st 4 lb and she lost 2 st.",
            "Elizabeth the first had none; a two terabyte S-S-D and a sixty five watt USB charger; he weighs thirteen "
            "stone four pounds and she lost two stone.",
            "Elizabeth the first had none; a two terabyte S-S-D and a sixty five watt USB charger; he weighs thirteen "
            "stone four pounds and she lost two stone.",
        ),
        (
            "The room is 12 ft x 14 ft, a 4 ft. x 8 ft. sheet, a 6 in x 4 in photo, 2 m x 3 m; squat 225 lb x "
            "5; it's 3-4x more.",
            "The room is twelve feet by fourteen feet, a four foot by eight foot sheet, a six inch by four "
            "inch photo, two meters by three meters; squat two hundred twenty five pounds times five; it's "
            "three to four times more.",
            "The room is twelve feet by fourteen feet, a four foot by eight foot sheet, a six inch by four "
            "inch photo, two metres by three metres; squat two hundred and twenty five pounds times five; it's "
            "three to four times more.",
        ),
        (
            "Paid £45k pa, £200 p/w or £800 p/m; mid-70s F and the low 20s °F; -40° in both °C and °F.",
            "Paid forty five thousand pounds a year, two hundred pounds per week or eight hundred pounds a "
            "month; mid-seventies Fahrenheit and the low twenties Fahrenheit; minus forty degrees in both "
            "Celsius and Fahrenheit.",
            "Paid forty five thousand pounds a year, two hundred pounds per week or eight hundred pounds a "
            "month; mid-seventies Fahrenheit and the low twenties Fahrenheit; minus forty degrees in both "
            "Celsius and Fahrenheit.",
        ),
        (
            "Visit 221B Baker Street; Ref: ABC123XYZ and booking ZK3819; the Lakers won 108-102.",
            "Visit two twenty one B Baker Street; Ref: A B C one two three X Y Z and booking Z K three eight "
            "one nine; the Lakers won one hundred eight to one hundred two.",
            "Visit two twenty one B Baker Street; Ref: A B C one two three X Y Z and booking Z K three eight "
            "one nine; the Lakers won one hundred and eight to one hundred and two.",
        ),
        (
            "Glucose 5.6 mmol/L; a 2.5 Mb file; press ctrl+C; see the 3rd ed.; pls confirm the mtg tmrw, thx.",
            "Glucose five point six millimoles per liter; a two point five megabit file; press Control C; see "
            "the third edition; please confirm the meeting tomorrow, thanks.",
            "Glucose five point six millimoles per litre; a two point five megabit file; press Control C; see "
            "the third edition; please confirm the meeting tomorrow, thanks.",
        ),
        (
            "She won 6-4, 3-6, 7-6 (7-5); Q1-Q3 sales rose; NHS waiting lists hit 7.6m.",
            "She won six four, three six, seven six (seven to five); Q one to Q three sales rose; NHS "
            "waiting lists hit seven point six million.",
            "She won six four, three six, seven six (seven five); Q one to Q three sales rose; NHS waiting "
            "lists hit seven point six million.",
        ),
        (
            "His number: 555 0123, or call 555 0187. Our 555 1200-seat halls sold out.",
            "His number: five five five, zero one two three, or call five five five, zero one eight seven. Our five "
            "hundred fifty five twelve hundred-seat halls sold out.",
            "His number: five five five, oh one two three, or call five five five, oh one eight seven. Our five "
            "hundred and fifty five twelve hundred-seat halls sold out.",
        ),
        (
            "Meet in Rm. 2141, then take train 171 from Penn Sta. at 7:02; a 67-yo F; MLS# 23-456789; EUR/USD fell.",
            "Meet in Room twenty one forty one, then take train one seventy one from Penn Station at seven oh two; a "
            "sixty seven year old female; M-L-S number two three, four five six seven eight nine; euro dollar fell.",
            "Meet in Room twenty one forty one, then take train one seventy one from Penn Station at seven oh two; a "
            "sixty seven year old female; M-L-S number two three, four five six seven eight nine; euro dollar fell.",
        ),
        (
            "The PM spoke at No 10 (I said No 2 times); the FTSE 100 rose; Flat 2, 14 Queen's Rd, Bristol.",
            "The P-M spoke at number ten (I said No two times); the Footsie one hundred rose; Flat two, fourteen "
            "Queen's Road, Bristol.",
            "The P-M spoke at number ten (I said No two times); the Footsie one hundred rose; Flat two, fourteen "
            "Queen's Road, Bristol.",
        ),
        (
            "Grades: A+, B-, C. My results were A-, B+ and C.",
            "Grades: A plus, B minus, C. My results were A minus, B plus and C.",
            "Grades: A plus, B minus, C. My results were A minus, B plus and C.",
        ),
        (
            "Under 18 U.S.C. § 1030 and §§ 101-103; 542 U.S. 296, 123 F.3d 456 and 45 F. Supp. 2d 789; MP3s and K8s.",
            "Under eighteen U.S.C. section ten thirty and sections one oh one to one oh three; five forty two U S two "
            "ninety six, one twenty three F third four fifty six and forty five F Supp second seven eighty nine; MP "
            "threes and Kubernetes.",
            "Under eighteen U.S.C. section ten thirty and sections one oh one to one oh three; five forty two U S two "
            "ninety six, one twenty three F third four fifty six and forty five F Supp second seven eighty nine; MP "
            "threes and Kubernetes.",
        ),
        (
            "See Case No. 2:23-cv-01234 and 1:19-cr-00045 (vote No. 5: yes).",
            "See Case Number two twenty three C V one two three four and one nineteen C R four five (vote number "
            "five: yes).",
            "See Case Number two twenty three C V one two three four and one nineteen C R four five (vote number "
            "five: yes).",
        ),
        (
            "Use and/or, either/or, w/e and his/her; Avatar™ and Coca-Cola® rock; TCP/IP, CI/CD and I/O.",
            "Use and or, either or, whatever and his or her; Avatar and Coca-Cola rock; TCP IP, CI CD and I O.",
            "Use and or, either or, whatever and his or her; Avatar and Coca-Cola rock; TCP IP, CI CD and I O.",
        ),
        (
            "Pink Ladies, a.k.a. Cripps; the Dept. of Educ.; misc. fees; govt. spending; Pt. Reyes; min. 5 yrs exp.",
            "Pink Ladies, also known as Cripps; the Department of Education; miscellaneous fees; government "
            "spending; Point Reyes; minimum five years experience.",
            "Pink Ladies, also known as Cripps; the Department of Education; miscellaneous fees; government "
            "spending; Point Reyes; minimum five years experience.",
        ),
        (
            "Heat to 180 deg C (1 deg. F more); 1.2 g/cm³, 5 m³/s, 10 µg/m³ and 2.5 mSv; AC/DC.",
            "Heat to one hundred eighty degrees Celsius (one degree Fahrenheit more); one point two grams per cubic "
            "centimeter, five cubic meters per second, ten micrograms per cubic meter and two point five "
            "millisieverts; AC DC.",
            "Heat to one hundred and eighty degrees Celsius (one degree Fahrenheit more); one point two grams per "
            "cubic centimetre, five cubic metres per second, ten micrograms per cubic metre and two point five "
            "millisieverts; AC DC.",
        ),
        (
            "A 1:32.608 lap; Root made 153* off 210 balls as England reached 401/7 dec. The horse won at 9/2, the 5/1 "
            "favourite fell (meet at 9/2; she got 18/20 on the test).",
            "A one thirty two point six oh eight lap; Root made one hundred fifty three not out off two hundred ten "
            "balls as England reached four hundred one for seven declared. The horse won at nine to two, the five to "
            "one favourite fell (meet at nine over two; she got eighteen out of twenty on the test).",
            "A one thirty two point six oh eight lap; Root made one hundred and fifty three not out off two hundred "
            "and ten balls as England reached four hundred and one for seven declared. The horse won at nine to two, "
            "the five to one favourite fell (meet at nine over two; she got eighteen out of twenty on the test).",
        ),
        (
            "Smith scored 45* (31 balls), Root 102* not out; only $5.99* today. Root 102*.",
            "Smith scored forty five not out (thirty one balls), Root one hundred two not out; only five dollars and "
            "ninety nine cents today. Root one hundred two.",
            "Smith scored forty five not out (thirty one balls), Root one hundred and two not out; only five dollars "
            "and ninety nine cents today. Root one hundred and two.",
        ),
        (
            "He bowled 4/23 in 10 overs, figures of 5-41; took 3/18 (4 overs), took 3/18 off and took 3-4 days",
            "He bowled four for twenty three in ten overs, figures of five for forty one; took three for eighteen "
            "(four overs), took March eighteenth off and took three to four days",
            "He bowled four for twenty three in ten overs, figures of five for forty one; took three for eighteen "
            "(four overs), took the eighteenth of March off and took three to four days",
        ),
        (
            "Rates from $99/nt (min. 2 nts), 3 nts. in Rome",
            "Rates from ninety nine dollars a night (minimum two nights), three nights in Rome",
            "Rates from ninety nine dollars a night (minimum two nights), three nights in Rome",
        ),
        (
            "Ottawa, ON K1A 0B1; take 1 tab PO BID, 10 mg QHS (we placed a BID; PO Box 12).",
            "Ottawa, Ontario K one A, zero B one; take one tab by mouth twice a day, ten milligrams at bedtime (we "
            "placed a BID; P-O Box twelve).",
            "Ottawa, Ontario K one A, oh B one; take one tab by mouth twice a day, ten milligrams at bedtime (we "
            "placed a BID; P-O Box twelve).",
        ),
        (
            "Doors at 21:00h; see ftp://files.example.com:2121/pub; call 0800 00 1066.",
            "Doors at twenty one hundred hours; see files dot example dot com colon twenty one twenty one slash "
            "pub; call zero eight zero zero, zero zero, one zero six six.",
            "Doors at twenty one hundred hours; see files dot example dot com colon twenty one twenty one slash "
            "pub; call oh eight oh oh, oh oh, one oh six six.",
        ),
        (
            "See Appendix C and Part D (but Chapter X and Part I).",
            "See Appendix C and Part D (but Chapter ten and Part one).",
            "See Appendix C and Part D (but Chapter ten and Part one).",
        ),
        (
            "BA 117 departs from Plat. 9 (a BA in history); a 3 bd/2 ba condo.",
            "B A one seventeen departs from Platform nine (a B-A in history); a three bedrooms and two baths condo.",
            "B A one seventeen departs from Platform nine (a B-A in history); a three bedrooms and two baths condo.",
        ),
        (
            "Use 2 x AA batteries; add 1 x 400g tin of tomatoes; a 12 x 9 x 4 in. box.",
            "Use two A-A batteries; add one four hundred gram tin of tomatoes; a twelve by nine by four inch box.",
            "Use two A-A batteries; add one four hundred gram tin of tomatoes; a twelve by nine by four inch box.",
        ),
        (
            "See Rev. 2 (Rev. Dr. King); John Smith Jr. He left on Martin Luther King Jr. Day; the 1990s–2000s.",
            "See revision two (Reverend Doctor King); John Smith Junior. He left on Martin Luther King Junior Day; the "
            "nineteen nineties to two thousands.",
            "See revision two (Reverend Doctor King); John Smith Junior. He left on Martin Luther King Junior Day; the "
            "nineteen nineties to two thousands.",
        ),
        (
            "It was 5-0 at HT. The shop is open 9-5 at the weekend.",
            "It was five to zero at H-T. The shop is open nine to five at the weekend.",
            "It was five nil at H-T. The shop is open nine to five at the weekend.",
        ),
        (
            "If A > B and C < D, then x >= y; 24 cores/32 threads.",
            "If A is greater than B and C is less than D, then x is at least y; twenty four cores and thirty two "
            "threads.",
            "If A is greater than B and C is less than D, then x is at least y; twenty four cores and thirty two "
            "threads.",
        ),
        (
            "Open Monday–Friday, Tuesday - Thursday and January-March (a pro-May vote).",
            "Open Monday to Friday, Tuesday to Thursday and January to March (a pro-May vote).",
            "Open Monday to Friday, Tuesday to Thursday and January to March (a pro-May vote).",
        ),
        (
            "Pop. 1\u202f000\u202f000 (1 000 000), a 2 000 m race, fees of €1 250 and 1\u00a0250 kg, 3,5 % tax.",
            "Population one million (one million), a two thousand meter race, fees of one thousand two hundred fifty "
            "euros and one thousand two hundred fifty kilograms, three point five percent tax.",
            "Population one million (one million), a two thousand metre race, fees of one thousand two hundred and "
            "fifty euros and one thousand two hundred and fifty kilograms, three point five percent tax.",
        ),
        (
            "The flat costs ₹45,00,000 and the car Rs. 8,50,000; 1,20,000 units, ₹2,50,00,000 and the 1,00,000th "
            "visitor.",
            "The flat costs forty five lakh rupees and the car eight lakh fifty thousand rupees; one lakh twenty "
            "thousand units, two crore fifty lakh rupees and the one hundred thousandth visitor.",
            "The flat costs forty five lakh rupees and the car eight lakh fifty thousand rupees; one lakh twenty "
            "thousand units, two crore fifty lakh rupees and the one hundred thousandth visitor.",
        ),
    ],
    "deadlines, spans of dates, status codes, identifiers and more": [
        (
            "Reply by 5/12; closed from 12/24 to 1/2; the sale runs 11/29-12/2; a late fee after 3/20.",
            "Reply by May twelfth; closed from December twenty fourth to January second; the sale runs November "
            "twenty ninth to December second; a late fee after March twentieth.",
            "Reply by the fifth of December; closed from the twenty fourth of December to the second of January; the "
            "sale runs the twenty ninth of November to the second of December; a late fee after the twentieth of "
            "March.",
        ),
        (
            "It rose from 1/4 to 1/2, and we cut costs by 1/4.",
            "It rose from one quarter to one half, and we cut costs by one quarter.",
            "It rose from one quarter to one half, and we cut costs by one quarter.",
        ),
        (
            "A 404 error, HTTP 429 and a 502 Bad Gateway; call area code 212; he scored 404 runs.",
            "A four oh four error, HTTP four twenty nine and a five oh two Bad Gateway; call area code two one two; "
            "he scored four hundred four runs.",
            "A four oh four error, HTTP four twenty nine and a five oh two Bad Gateway; call area code two one two; "
            "he scored four hundred and four runs.",
        ),
        (
            "SKU 48213, account number 12345678, ticket #100234 and Apt. #4B; the number 10000.",
            "S-K-U four eight two one three, account number one two three four five six seven eight, ticket number one"
            " zero zero two three four and Apartment number four B; the number ten thousand.",
            "S-K-U four eight two one three, account number one two three four five six seven eight, ticket number one"
            " oh oh two three four and Apartment number four B; the number ten thousand.",
        ),
        (
            "Order 3 x Widget Pro at $1.20 ea. in Smith v Jones.",
            "Order three Widget Pro at one dollar and twenty cents each in Smith versus Jones.",
            "Order three Widget Pro at one dollar and twenty cents each in Smith versus Jones.",
        ),
        (
            "Winds 20 kts; 980 hPa (28.94 inHg), or 101.3 kPa.",
            "Winds twenty knots; nine hundred eighty hectopascals (twenty eight point nine four inches of mercury), "
            "or one hundred one point three kilopascals.",
            "Winds twenty knots; nine hundred and eighty hectopascals (twenty eight point nine four inches of "
            "mercury), or one hundred and one point three kilopascals.",
        ),
        (
            "A 10 m tall tower, a 6 ft high wall and a 2 mi long trail; it is 6 ft high.",
            "A ten meter tall tower, a six foot high wall and a two mile long trail; it is six feet high.",
            "A ten metre tall tower, a six foot high wall and a two mile long trail; it is six feet high.",
        ),
        (
            "The last 1.x release needs Python 3.x; she is in Yr 10; J23A on the M1; rooms £89pp.",
            "The last one point x release needs Python three point x; she is in Year ten; junction twenty three A on "
            "the M one; rooms eighty nine pounds per person.",
            "The last one point x release needs Python three point x; she is in Year ten; junction twenty three A on "
            "the M one; rooms eighty nine pounds per person.",
        ),
        (
            'He/she fits 13"-15.6" laptops; S/he says it is 12"-16" long.',
            "He or she fits thirteen to fifteen point six inch laptops; She or he says it is twelve to sixteen inches "
            "long.",
            "He or she fits thirteen to fifteen point six inch laptops; She or he says it is twelve to sixteen inches "
            "long.",
        ),
        (
            "The Battle of Hastings (1066); Elizabeth I (r. 1558–1603); about 60-70M people and 5-10k steps.",
            "The Battle of Hastings (ten sixty six); Elizabeth the first (reigned fifteen fifty eight to sixteen oh "
            "three); about sixty to seventy million people and five to ten thousand steps.",
            "The Battle of Hastings (ten sixty six); Elizabeth the first (reigned fifteen fifty eight to sixteen oh "
            "three); about sixty to seventy million people and five to ten thousand steps.",
        ),
        (
            "Ste 3300, port 8080; $15/1M tokens; margins rose 2.5 pp (see 45 pp.).",
            "Suite thirty three hundred, port eighty eighty; fifteen dollars per one million tokens; margins rose two "
            "point five percentage points (see forty five pages).",
            "Suite thirty three hundred, port eighty eighty; fifteen dollars per one million tokens; margins rose two "
            "point five percentage points (see forty five pages).",
        ),
        (
            "The FTSE 250 rose 1.3pc; a 3pc stake (but a 3pc suite); a Grade II* listed house from c.1780; England "
            "245-6 (50 overs).",
            "The Footsie two fifty rose one point three percent; a three percent stake (but a three piece "
            "suite); a Grade two star listed house from circa seventeen eighty; England two hundred forty five for six"
            " (fifty overs).",
            "The Footsie two fifty rose one point three percent; a three percent stake (but a three piece "
            "suite); a Grade two star listed house from circa seventeen eighty; England two hundred and forty five for"
            " six (fifty overs).",
        ),
        (
            "Protons at 13.6 TeV and a 511 keV photon.",
            "Protons at thirteen point six teraelectronvolts and a five hundred eleven kiloelectronvolt photon.",
            "Protons at thirteen point six teraelectronvolts and a five hundred and eleven kiloelectronvolt photon.",
        ),
        (
            "Sgt. Brown (ret.) of the Int'l Monetary Fund, the Nat’l Guard and the Dep't of Labor.",
            "Sergeant Brown (retired) of the International Monetary Fund, the National Guard and the Department of "
            "Labor.",
            "Sergeant Brown (retired) of the International Monetary Fund, the National Guard and the Department of "
            "Labor.",
        ),
        (
            "Serving size 2/3 cup; the deal ends Sun! Net wt. 16 oz; Exp. 03/2026.",
            "Serving size two thirds of a cup; the deal ends Sunday! Net weight sixteen ounces; expires March twenty "
            "twenty six.",
            "Serving size two thirds of a cup; the deal ends Sunday! Net weight sixteen ounces; expires March twenty "
            "twenty six.",
        ),
        (
            "See Ch. IX, Pt. II, Bk. V and Art. III; Act I, Sc. ii; Pt. 2 of 3, 1 pt. of milk and Pt. Reyes.",
            "See Chapter nine, Part two, Book five and Article three; Act one, Scene two; Part two of three, one pint "
            "of milk and Point Reyes.",
            "See Chapter nine, Part two, Book five and Article three; Act one, Scene two; Part two of three, one pint "
            "of milk and Point Reyes.",
        ),
        (
            "It cost ₩50,000 in Seoul, ₽300 in Moscow and ₱1,500.50 in Manila; prices fell in Jan and rose in Mar (I "
            "met Jan in Paris).",
            "It cost fifty thousand won in Seoul, three hundred rubles in Moscow and one thousand five hundred pesos "
            "and fifty centavos in Manila; prices fell in January and rose in March (I met Jan in Paris).",
            "It cost fifty thousand won in Seoul, three hundred rubles in Moscow and one thousand five hundred pesos "
            "and fifty centavos in Manila; prices fell in January and rose in March (I met Jan in Paris).",
        ),
        (
            "Seat 14A is a window; 14C, an aisle. It was 14C, a warm day.",
            "Seat fourteen A is a window; fourteen C, an aisle. It was fourteen degrees Celsius, a warm day.",
            "Seat fourteen A is a window; fourteen C, an aisle. It was fourteen degrees Celsius, a warm day.",
        ),
        (
            "Use a 1:50 dilution; (a + b) / 2; an angle of π/4; set it to 0x1F.",
            "Use a one to fifty dilution; (a plus b) divided by two; an angle of π over four; set it to hex one F.",
            "Use a one to fifty dilution; (a plus b) divided by two; an angle of π over four; set it to hex one F.",
        ),
        (
            "Signed by Smith and J. Doe; call K. Patel. We moved from A to B. Then we left.",
            "Signed by Smith and J Doe; call K Patel. We moved from A to B. Then we left.",
            "Signed by Smith and J Doe; call K Patel. We moved from A to B. Then we left.",
        ),
        (
            "Office hours: 0800-1700 hrs; open 0600-1430 daily (but 1000-1200 hrs of work).",
            "Office hours: oh eight hundred to seventeen hundred hours; open oh six hundred to fourteen thirty daily "
            "(but one thousand to one thousand two hundred hours of work).",
            "Office hours: oh eight hundred to seventeen hundred hours; open oh six hundred to fourteen thirty daily "
            "(but one thousand to one thousand two hundred hours of work).",
        ),
        (
            "We met on the 1st/2nd of June; it's ½-price today.",
            "We met on the first or second of June; it's half-price today.",
            "We met on the first or second of June; it's half-price today.",
        ),
        (
            "Adults $15; under 5s free; over 65s get 10% off. It loads in under 5s on wifi.",
            "Adults fifteen dollars; under fives free; over sixty fives get ten percent off. It loads in under five "
            "seconds on wifi.",
            "Adults fifteen dollars; under fives free; over sixty fives get ten percent off. It loads in under five "
            "seconds on wifi.",
        ),
        (
            "Add 1⁄2 cup; it is ～¥１２３ or ５０％ off.",
            "Add half a cup; it is about one hundred twenty three yen or fifty percent off.",
            "Add half a cup; it is about one hundred and twenty three yen or fifty percent off.",
        ),
        (
            "Set an OKR. Our OKRs and ROI, the ETA (but the CEO, LOL).",
            "Set an O-K-R. Our O-K-R's and R-O-I, the E-T-A (but the C-E-O, Lol).",
            "Set an O-K-R. Our O-K-R's and R-O-I, the E-T-A (but the C-E-O, Lol).",
        ),
        (
            "Up to 1999 people and a total of 2024 units (but the class of 2025 graduates).",
            "Up to one thousand nine hundred ninety nine people and a total of two thousand twenty four units (but the "
            "class of twenty twenty five graduates).",
            "Up to one thousand nine hundred and ninety nine people and a total of two thousand and twenty four units "
            "(but the class of twenty twenty five graduates).",
        ),
        (
            "Ramses II and Ludwig II had a 12 in deep shelf, 30 in wide (1 in 3 did).",
            "Ramses the second and Ludwig the second had a twelve inch deep shelf, thirty inches wide (one in three "
            "did).",
            "Ramses the second and Ludwig the second had a twelve inch deep shelf, thirty inches wide (one in three "
            "did).",
        ),
        (
            "The ship sailed 3 nm off the coast; a 5 nm chip.",
            "The ship sailed three nautical miles off the coast; a five nanometer chip.",
            "The ship sailed three nautical miles off the coast; a five nanometre chip.",
        ),
        (
            "Seats in rows A–F are $85; G–M, $65 (an A-Z guide, but an X-Y plot and the T-Mobile shop).",
            "Seats in rows A to F are eighty five dollars; G to M, sixty five dollars (an A to Z guide, but an X-Y "
            "plot and the T-Mobile shop).",
            "Seats in rows A to F are eighty five dollars; G to M, sixty five dollars (an A to Z guide, but an X-Y "
            "plot and the T-Mobile shop).",
        ),
    ],
    "codes after no. and #, secrets said digit by digit, eighths, gas marks, sizes by letter, directions, days by "
    "letter, a text's own date order, clinical notes and more": [
        (
            "Policy no. 4471-22 expires soon; part no. 4-1123-09.",
            "Policy number forty four seventy one, twenty two expires soon; part number four, eleven twenty three, "
            "zero nine.",
            "Policy number forty four seventy one, twenty two expires soon; part number four, eleven twenty three, oh "
            "nine.",
        ),
        (
            "Use 3/8 inch bolts and a 5/16 inch bit.",
            "Use three eighths inch bolts and a five sixteenths inch bit.",
            "Use three eighths inch bolts and a five sixteenths inch bit.",
        ),
        (
            "The price fell by -0.5% and rose by +3%.",
            "The price fell by zero point five percent and rose by three percent.",
            "The price fell by zero point five percent and rose by three percent.",
        ),
        (
            "Roast at 200C/gas 6, or 180°C, gas 4 (not the gas 7 station).",
            "Roast at two hundred degrees Celsius, gas mark six, or one hundred eighty degrees Celsius, gas mark four "
            "(not the gas seven station).",
            "Roast at two hundred degrees Celsius, gas mark six, or one hundred and eighty degrees Celsius, gas mark "
            "four (not the gas seven station).",
        ),
        (
            'A 24"W x 18"D x 30"H cabinet.',
            "A twenty four inches wide by eighteen inches deep by thirty inches high cabinet.",
            "A twenty four inches wide by eighteen inches deep by thirty inches high cabinet.",
        ),
        (
            "Pay 300 SEK, NOK 250 or HKD 88.",
            "Pay three hundred Swedish kronor, two hundred fifty Norwegian kroner or eighty eight Hong Kong dollars.",
            "Pay three hundred Swedish kronor, two hundred and fifty Norwegian kroner or eighty eight Hong Kong "
            "dollars.",
        ),
        (
            "Meet tues. at 9 or thu at noon.",
            "Meet Tuesday at nine or Thursday at noon.",
            "Meet Tuesday at nine or Thursday at noon.",
        ),
        (
            "She's 35 y/o; a 35 y/o male; 3 dz. eggs.",
            "She's thirty five years old; a thirty five year old male; three dozen eggs.",
            "She's thirty five years old; a thirty five year old male; three dozen eggs.",
        ),
        (
            "Act I, Sc. ii and Vol. iv; Sc. 3.",
            "Act one, Scene two and Volume four; Scene three.",
            "Act one, Scene two and Volume four; Scene three.",
        ),
        (
            "HIPAA, PETA, NOAA, MERCOSUR, DAX and IMAX.",
            "Hippa, Peeta, Noah, Mercosoor, Dax and eye max.",
            "Hippa, Peeta, Noah, Mercosoor, Dax and eye max.",
        ),
        (
            "Ph: 020 7123 4567; two Ph.D.s (the Ph scale).",
            "Phone: zero two zero, seven one two three, four five six seven; two PhDs (the Ph scale).",
            "Phone: oh two oh, seven one two three, four five six seven; two PhDs (the Ph scale).",
        ),
        (
            "The firm trades at 12x EBITDA, with 2x USB-C ports.",
            "The firm trades at twelve times Ebitda, with two USB-C ports.",
            "The firm trades at twelve times Ebitda, with two USB-C ports.",
        ),
        (
            "Go 2.5 mi. E on County Rd. 12, then 300 yds W to the gate; Vitamin E and an E grade.",
            "Go two point five miles east on County Road twelve, then three hundred yards west to the gate; Vitamin E "
            "and an E grade.",
            "Go two point five miles east on County Road twelve, then three hundred yards west to the gate; Vitamin E "
            "and an E grade.",
        ),
        (
            "Your PIN is 4821; passcode 1234; Case #2024-00173.",
            "Your pin is four eight two one; passcode one two three four; Case number twenty twenty four, zero zero "
            "one seven three.",
            "Your pin is four eight two one; passcode one two three four; Case number twenty twenty four, oh oh one "
            "seven three.",
        ),
        (
            "Hours: M-Th 9-9, F-Sa 9-10, Tu-F 10-6 (a 50-50 chance).",
            "Hours: Monday to Thursday nine to nine, Friday to Saturday nine to ten, Tuesday to Friday ten to six (a "
            "fifty fifty chance).",
            "Hours: Monday to Thursday nine to nine, Friday to Saturday nine to ten, Tuesday to Friday ten to six (a "
            "fifty fifty chance).",
        ),
        (
            "Shipped Tue. 11/12; ETA Fri. 11/15.",
            "Shipped Tuesday November twelfth; E-T-A Friday November fifteenth.",
            "Shipped Tuesday the twelfth of November; E-T-A Friday the fifteenth of November.",
        ),
        (
            "Paid on 5/6; the invoice is dated 25/12/2024.",
            "Paid on June fifth; the invoice is dated December twenty fifth, twenty twenty four.",
            "Paid on the fifth of June; the invoice is dated the twenty fifth of December, twenty twenty four.",
        ),
        (
            "The 45-y/o pt. c/o chest pain x 2 days; Pt. denies fever (c/o Jane Smith, Pt. Reyes).",
            "The forty five year old patient complains of chest pain for two days; Patient denies fever (care of Jane "
            "Smith, Point Reyes).",
            "The forty five year old patient complains of chest pain for two days; Patient denies fever (care of Jane "
            "Smith, Point Reyes).",
        ),
        (
            "Take 1 tab PO QD, labs q3mo, BP 142/91 mm Hg; bring your ins. card.",
            "Take one tab by mouth once a day, labs every three months, B-P one hundred forty two over ninety one "
            "millimeters of mercury; bring your insurance card.",
            "Take one tab by mouth once a day, labs every three months, B-P one hundred and forty two over ninety one "
            "millimetres of mercury; bring your insurance card.",
        ),
        (
            "The BoE cut by 0.25pp, up 2pp (rooms £8.50pp); it fell 0.5pp.",
            "The B-O-E cut by zero point two five percentage points, up two percentage points (rooms eight pounds "
            "fifty per person); it fell zero point five percentage points.",
            "The B-O-E cut by zero point two five percentage points, up two percentage points (rooms eight pounds "
            "fifty per person); it fell zero point five percentage points.",
        ),
        (
            "Upload 300 kbps; 1 in. = 2.54 cm.",
            "Upload three hundred kilobits per second; one inch equals two point five four centimeters.",
            "Upload three hundred kilobits per second; one inch equals two point five four centimetres.",
        ),
        (
            "Tickets 1st–3rd row £45; adults £5, concs. £3; the 8.02pm (plat. 4).",
            "Tickets first to third row forty five pounds; adults five pounds, concessions three pounds; the eight oh "
            "two PM (platform four).",
            "Tickets first to third row forty five pounds; adults five pounds, concessions three pounds; the eight oh "
            "two PM (platform four).",
        ),
        (
            "They were in their 20s, 30s and 40s; run 30s.",
            "They were in their twenties, thirties and forties; run thirty seconds.",
            "They were in their twenties, thirties and forties; run thirty seconds.",
        ),
        (
            "The effect was small (p < .05; p<.001).",
            "The effect was small (p is less than point zero five; p is less than point zero zero one).",
            "The effect was small (p is less than point zero five; p is less than point zero zero one).",
        ),
        (
            "Vol. 2, Iss. 3; take US-101 N to SR-99.",
            "Volume two, Issue three; take US one oh one North to SR ninety nine.",
            "Volume two, Issue three; take US one oh one North to SR ninety nine.",
        ),
        (
            "Sale ends 11:59 PM PST 12/2; at 5 pm 1/2 of us left. I'm 32 y.o.",
            "Sale ends eleven fifty nine PM P-S-T December second; at five PM one half of us left. I'm thirty two "
            "years old.",
            "Sale ends eleven fifty nine PM P-S-T the twelfth of February; at five PM one half of us left. I'm thirty "
            "two years old.",
        ),
        (
            "Mon: Sunny, H 72°, L 55°; Sun: closed; dew pt. 58°F.",
            "Monday: Sunny, high seventy two degrees, low fifty five degrees; Sunday: closed; dew point fifty eight "
            "degrees Fahrenheit.",
            "Monday: Sunny, high seventy two degrees, low fifty five degrees; Sunday: closed; dew point fifty eight "
            "degrees Fahrenheit.",
        ),
        (
            "Tuition: $12,450/semester; $30/class (the class/term split).",
            "Tuition: twelve thousand four hundred fifty dollars per semester; thirty dollars per class (the "
            "class/term split).",
            "Tuition: twelve thousand four hundred and fifty dollars per semester; thirty dollars per class (the "
            "class/term split).",
        ),
        (
            "At 0000 hrs and 0030 hrs; a 50K ultra.",
            "At zero hundred hours and zero zero thirty hours; a fifty K ultra.",
            "At zero hundred hours and zero zero thirty hours; a fifty K ultra.",
        ),
        (
            "A 2x Olympian and 3x MVP (2x faster) in Rm 101A; Q4'24 and FY'25.",
            "A two-time Olympian and three-time M-V-P (two times faster) in Room one oh one A; Q four twenty four and "
            "F-Y twenty five.",
            "A two-time Olympian and three-time M-V-P (two times faster) in Room one oh one A; Q four twenty four and "
            "F-Y twenty five.",
        ),
        (
            "Open daily 11:30-late, Fri 6pm–late; wine £8.50, btl £32.",
            "Open daily eleven thirty till late, Friday six PM till late; wine eight pounds fifty, bottle thirty two "
            "pounds.",
            "Open daily eleven thirty till late, Friday six PM till late; wine eight pounds fifty, bottle thirty two "
            "pounds.",
        ),
        (
            "India 287/6 (50 ov.); Australia 245/4 in 42.3 overs.",
            "India two hundred eighty seven for six (fifty overs); Australia two hundred forty five for four in forty "
            "two point three overs.",
            "India two hundred and eighty seven for six (fifty overs); Australia two hundred and forty five for four "
            "in forty two point three overs.",
        ),
        (
            "Rise 1-1½ hrs (or 1-1 1/2 hrs); add 1½-2 cups and 1/2-1 tsp salt; 2 lg. eggs; 350°F / 175°C / Gas 4.",
            "Rise one to one and a half hours (or one to one and a half hours); add one and a half to two cups and "
            "one half to one teaspoon of salt; two large eggs; three hundred fifty degrees Fahrenheit, one hundred "
            "seventy five degrees Celsius, gas mark four.",
            "Rise one to one and a half hours (or one to one and a half hours); add one and a half to two cups and "
            "one half to one teaspoon of salt; two large eggs; three hundred and fifty degrees Fahrenheit, one "
            "hundred and seventy five degrees Celsius, gas mark four.",
        ),
        (
            'A 1½-2 hr hike, 3¼" wide; 5\'6"-5\'10" tall; take 3-4 x daily.',
            "A one and a half to two hour hike, three and a quarter inches wide; five foot six to five foot ten "
            "tall; take three to four times daily.",
            "A one and a half to two hour hike, three and a quarter inches wide; five foot six to five foot ten "
            "tall; take three to four times daily.",
        ),
    ],
    "a direction after a unit's stop, a range of a measure before what it describes, pages and those following": [
        (
            "It is 5 mi. N. of town, and 2.5 mi. S. Then walk 200 m S of the bridge; 10 m E. coli stays.",
            "It is five miles north of town, and two point five miles south. Then walk two hundred meters south of "
            "the bridge; ten m E. coli stays.",
            "It is five miles north of town, and two point five miles south. Then walk two hundred metres south of "
            "the bridge; ten m E. coli stays.",
        ),
        (
            "A 2-3 hr hike, an 8-10 km walk and a 3-4 lb bag; it takes 2-3 hrs.",
            "A two to three hour hike, an eight to ten kilometer walk and a three to four pound bag; it takes two to "
            "three hours.",
            "A two to three hour hike, an eight to ten kilometre walk and a three to four pound bag; it takes two to "
            "three hours.",
        ),
        (
            "See pp. iv-xii, p. ix, pp. 33ff. and p. 12f. for details; the value 1ff stays.",
            "See pages four to twelve, page nine, pages thirty three and following and page twelve and following "
            "for details; the value one ff stays.",
            "See pages four to twelve, page nine, pages thirty three and following and page twelve and following "
            "for details; the value one ff stays.",
        ),
    ],
    "a scale before a currency code, states that are words, what a weight or volume holds, a party": [
        (
            "The fund is 2.5M GBP, about 3.1 M USD, and 1.2bn EUR next year; a 0.1 M NaCl wash and 2M HCl stay molar.",
            "The fund is two point five million pounds, about three point one million dollars, and one point two "
            "billion euros next year; a zero point one molar N-A-C-L wash and two molar H-C-L stay molar.",
            "The fund is two point five million pounds, about three point one million dollars, and one point two "
            "billion euros next year; a zero point one molar N-A-C-L wash and two molar H-C-L stay molar.",
        ),
        (
            "She was born in Honolulu, HI, lived in Portland, ME and Gary, IN, and moved from Dayton, OH in 2019; "
            "yes, OK.",
            "She was born in Honolulu, Hawaii, lived in Portland, Maine and Gary, Indiana, and moved from Dayton, "
            "Ohio in twenty nineteen; yes, okay.",
            "She was born in Honolulu, Hawaii, lived in Portland, Maine and Gary, Indiana, and moved from Dayton, "
            "Ohio in twenty nineteen; yes, okay.",
        ),
        (
            "Mix 200 g flour, 1 oz cheese and 500 ml milk with 100 g chopped nuts; 16 oz cans, a 1 lb bag, 5 kg "
            "lost and 2 kg heavier stay.",
            "Mix two hundred grams of flour, one ounce of cheese and five hundred milliliters of milk with one "
            "hundred grams of chopped nuts; sixteen ounce cans, a one pound bag, five kilograms lost and two "
            "kilograms heavier stay.",
            "Mix two hundred grams of flour, one ounce of cheese and five hundred millilitres of milk with one "
            "hundred grams of chopped nuts; sixteen ounce cans, a one pound bag, five kilograms lost and two "
            "kilograms heavier stay.",
        ),
        (
            "Sen. Jane Smith (D) and Gov. Lee (R-TX) spoke, but the answer is (D).",
            "Senator Jane Smith (Democrat) and Governor Lee (Republican of Texas) spoke, but the answer is (D).",
            "Senator Jane Smith (Democrat) and Governor Lee (Republican of Texas) spoke, but the answer is (D).",
        ),
    ],
    "service numbers in a list, a count for a price, cents before a currency name, a named day, ratios, at": [
        (
            "Call 911, 999 or 112, or dial 988 or 311; I will call 300 people.",
            "Call nine one one, nine nine nine or one one two, or dial nine eight eight or three one one; I will "
            "call three hundred people.",
            "Call nine one one, nine nine nine or one one two, or dial nine eight eight or three one one; I will "
            "call three hundred people.",
        ),
        (
            "Limes are 4/$1 and avocados 2/$3.50, or 3/£10; it costs 5.50 dollars or 12.99 euros, but 2.25 pounds "
            "of beef.",
            "Limes are four for one dollar and avocados two for three dollars and fifty cents, or three for ten "
            "pounds; it costs five dollars and fifty cents or twelve euros and ninety nine cents, but two point "
            "two five pounds of beef.",
            "Limes are four for one dollar and avocados two for three dollars and fifty cents, or three for ten "
            "pounds; it costs five dollars and fifty cents or twelve euros and ninety nine cents, but two point "
            "two five pounds of beef.",
        ),
        (
            "Her birthday is 12/25 and her DOB: 4/7/1990; a 16/9 screen, the ratio 20/3 and he scored 25/12.",
            "Her birthday is December twenty fifth and her D-O-B: April seventh, nineteen ninety; a sixteen over nine "
            "screen, the ratio twenty over three and he scored twenty five over twelve.",
            "Her birthday is the twenty fifth of December and her D-O-B: the fourth of July, nineteen ninety; a "
            "sixteen over nine screen, the ratio twenty over three and he scored twenty five over twelve.",
        ),
        (
            "It plays 4K@60fps or 1080p@120Hz, and limes are 2@$5; email john@163.com.",
            "It plays four K at sixty frames per second or ten eighty p at one hundred twenty hertz, and limes are "
            "two at five dollars; email john at one sixty three dot com.",
            "It plays four K at sixty frames per second or ten eighty p at one hundred and twenty hertz, and limes "
            "are two at five dollars; email john at one sixty three dot com.",
        ),
        (
            "It ends Mon. 7/7 and began on 5/5; a 50/50 split and 24/7 stay.",
            "It ends Monday July seventh and began on May fifth; a fifty fifty split and twenty four seven stay.",
            "It ends Monday the seventh of July and began on the fifth of May; a fifty fifty split and twenty four "
            "seven stay.",
        ),
    ],
    "per a volume, ratios of parts, race times, a section's number, no and any, per a span, scaled units, equals": [
        (
            "Give 10 mg/mL or 20 mcg/kg, and 5 ng/mL is the limit; AC/DC stays.",
            "Give ten milligrams per milliliter or twenty micrograms per kilogram, and five nanograms per "
            "milliliter is the limit; AC DC stays.",
            "Give ten milligrams per millilitre or twenty micrograms per kilogram, and five nanograms per "
            "millilitre is the limit; AC DC stays.",
        ),
        (
            "Mix a 3:2:1 ratio or 4:3:2:1; she ran 1:00:05 and 2:00:45, and 1:05:32 stays a time.",
            "Mix a three to two to one ratio or four to three to two to one; she ran one oh oh oh five and two oh "
            "oh forty five, and one oh five thirty two stays a time.",
            "Mix a three to two to one ratio or four to three to two to one; she ran one oh oh oh five and two oh "
            "oh forty five, and one oh five thirty two stays a time.",
        ),
        (
            "Under Sec. 12-104(b) and § 4-2, not §§ 12-14 or section 3-5, the fine is $250.",
            "Under section twelve one oh four B and section four two, not sections twelve to fourteen or section "
            "three to five, the fine is two hundred fifty dollars.",
            "Under section twelve one oh four B and section four two, not sections twelve to fourteen or section "
            "three to five, the fine is two hundred and fifty dollars.",
        ),
        (
            "It has no 3.5mm jack and any 5 kg bag fits; take max 8 caps/24 h, on 24 cores/32 threads.",
            "It has no three point five millimeter jack and any five kilogram bag fits; take max eight caps per "
            "twenty four hours, on twenty four cores and thirty two threads.",
            "It has no three point five millimetre jack and any five kilogram bag fits; take max eight caps per "
            "twenty four hours, on twenty four cores and thirty two threads.",
        ),
        (
            "The Pacific covers 165.25M km², a 2 million km² reserve holds 1.2 billion m³ of gas, and 3 million in "
            "cash stays.",
            "The Pacific covers one hundred sixty five point two five million square kilometers, a two million "
            "square kilometer reserve holds one point two billion cubic meters of gas, and three million in cash "
            "stays.",
            "The Pacific covers one hundred and sixty five point two five million square kilometres, a two million "
            "square kilometre reserve holds one point two billion cubic metres of gas, and three million in cash "
            "stays.",
        ),
        (
            "Einstein wrote E=mc², Pythagoras a²+b²=c², and x=5; see foo.org/a?b=1.",
            "Einstein wrote E equals mc squared, Pythagoras a squared plus b squared equals c squared, and x "
            "equals five; see foo dot org slash a question mark b equals one.",
            "Einstein wrote E equals mc squared, Pythagoras a squared plus b squared equals c squared, and x "
            "equals five; see foo dot org slash a question mark b equals one.",
        ),
    ],
    "money before a name, cents as a price, catalogue numbers, a one-two, a time after a year, qty. and n/a": [
        (
            "We raised a $15M Series A, bought a $5.50 coffee and a $5 Starbucks card, but the $5 I owe stays.",
            "We raised a fifteen million dollar Series A, bought a five dollar fifty coffee and a five dollar "
            "Starbucks card, but the five dollars I owe stays.",
            "We raised a fifteen million dollar Series A, bought a five dollar fifty coffee and a five dollar "
            "Starbucks card, but the five dollars I owe stays.",
        ),
        (
            "Mozart's K. 525, Bach's BWV 1007 and Vivaldi's RV 269 make a 1-2 punch; grade K. 5 kids and ages 1-2 "
            "stay.",
            "Mozart's K five twenty five, Bach's BWV ten oh seven and Vivaldi's RV two sixty nine make a one two "
            "punch; grade K. five kids and ages one to two stay.",
            "Mozart's K five twenty five, Bach's BWV ten oh seven and Vivaldi's RV two sixty nine make a one two "
            "punch; grade K. five kids and ages one to two stay.",
        ),
        (
            "The code is valid thru 10/31/24 11:59 PM; the vote was Nov. 5, 2021 3:00 pm, and 12 people came on "
            "Jan. 3, 2025.",
            "The code is valid through October thirty first, twenty twenty four, eleven fifty nine PM; the vote "
            "was November fifth, twenty twenty one, three PM, and twelve people came on January third, twenty "
            "twenty five.",
            "The code is valid through the thirty first of October, twenty twenty four, eleven fifty nine PM; the "
            "vote was the fifth of November, twenty twenty one, three PM, and twelve people came on the third of "
            "January, twenty twenty five.",
        ),
        (
            "Re: qty. 12 ea.; parking is n/a, the corp. paid. Vs. last yr. we won; I ordered the qty.",
            "Regarding quantity twelve each; parking is not applicable, the corporation paid. Versus last year we "
            "won; I ordered the quantity.",
            "Regarding quantity twelve each; parking is not applicable, the corporation paid. Versus last year we "
            "won; I ordered the quantity.",
        ),
    ],
    "Roman numerals listed and spanned, parts written short in the plural": [
        (
            "Chapters IV-VI cover the war; see Parts II and III, Volumes II, III and IV, and World Wars I and II.",
            "Chapters four to six cover the war; see Parts two and three, Volumes two, three and four, and World "
            "Wars one and two.",
            "Chapters four to six cover the war; see Parts two and three, Volumes two, three and four, and World "
            "Wars one and two.",
        ),
        (
            "Vols. II-III, Chs. 6-8, Pts. 1 and 2, Eps. IV-VI, Sec. IV, Schedule I drugs and Super Bowls LVII and"
            " LVIII.",
            "Volumes two to three, Chapters six to eight, Parts one and two, Episodes four to six, section four, "
            "Schedule one drugs and Super Bowls fifty seven and fifty eight.",
            "Volumes two to three, Chapters six to eight, Parts one and two, Episodes four to six, section four, "
            "Schedule one drugs and Super Bowls fifty seven and fifty eight.",
        ),
        (
            "Appendices C and D stay letters; Chapter IV and I left; Henry VIII had 6 wives; Elizabeth I never "
            "married.",
            "Appendices C and D stay letters; Chapter four and I left; Henry the eighth had six wives; Elizabeth "
            "the first never married.",
            "Appendices C and D stay letters; Chapter four and I left; Henry the eighth had six wives; Elizabeth "
            "the first never married.",
        ),
    ],
    "identifiers in groups, a ZIP code by name, hashtags in words, names with a plus": [
        (
            "Model SKU-4471-B, case no. 2024-CV-01234 and order 123-4567890-1234567 shipped; a 4-4-2 and "
            "1-800-555-0142 stay.",
            "Model S-K-U, forty four seventy one, B, case number twenty twenty four, C-V, zero one two three four"
            " and order one two three, four five six seven eight nine zero, one two three four five six seven "
            "shipped; a four four two and one, eight hundred, five five five, zero one four two stay.",
            "Model S-K-U, forty four seventy one, B, case number twenty twenty four, C-V, oh one two three four "
            "and order one two three, four five six seven eight nine oh, one two three four five six seven "
            "shipped; a four four two and one, eight hundred, five five five, oh one four two stay.",
        ),
        (
            "My ZIP is 90210 and the zip code: 10001; follow #TalkingHeads, #AI2024 and #100DaysOfCode.",
            "My Zip is nine zero two one zero and the zip code: one zero zero zero one; follow hashtag Talking "
            "Heads, hashtag AI twenty twenty four and hashtag one hundred Days Of Code.",
            "My Zip is nine oh two one oh and the zip code: one oh oh oh one; follow hashtag Talking Heads, "
            "hashtag AI twenty twenty four and hashtag one hundred Days Of Code.",
        ),
        (
            "Disney+, Apple TV+, LGBTQ+ groups, C++ and Notepad++ (but C+ is a grade).",
            "Disney plus, Apple TV plus, LGBTQ plus groups, C plus plus and Notepad plus plus (but C plus is a grade).",
            "Disney plus, Apple TV plus, LGBTQ plus groups, C plus plus and Notepad plus plus (but C plus is a grade).",
        ),
    ],
    "millions by what they count, currency codes' scales, units after per, dates before a noun, seconds": [
        (
            "The population is 8.3m and growing (the users are 2m tall); it costs EUR 300m, GBP 5m or 2.5m GBP.",
            "The population is eight point three million and growing (the users are two meters tall); it costs "
            "three hundred million euros, five million pounds or two point five million pounds.",
            "The population is eight point three million and growing (the users are two metres tall); it costs "
            "three hundred million euros, five million pounds or two point five million pounds.",
        ),
        (
            "It is €22 per m², 30 kg per m³ and $5 per kg; 120 km/hr, 5 mL/hr and winds of 550 kn.",
            "It is twenty two euros per square meter, thirty kilograms per cubic meter and five dollars per "
            "kilogram; one hundred twenty kilometers an hour, five milliliters an hour and winds of five hundred "
            "fifty knots.",
            "It is twenty two euros per square metre, thirty kilograms per cubic metre and five dollars per "
            "kilogram; one hundred and twenty kilometres an hour, five millilitres an hour and winds of five "
            "hundred and fifty knots.",
        ),
        (
            "The Mar. 15 deadline, a Dec. 1 start and our Jan. 3 call; it ends at 11:59:59 PM, not 6:00:00 a.m.",
            "The March fifteenth deadline, a December first start and our January third call; it ends at eleven "
            "fifty nine fifty nine PM, not six AM.",
            "The fifteenth of March deadline, a December first start and our January third call; it ends at "
            "eleven fifty nine fifty nine PM, not six AM.",
        ),
        (
            "Q3 rev. was up 14% (see rev. 2); Merry Xmas!",
            "Q three revenue was up fourteen percent (see revision two); Merry Christmas!",
            "Q three revenue was up fourteen percent (see revision two); Merry Christmas!",
        ),
        (
            "The Sixers won 112-104 in OT; 200 copies/mL and 500 trees/ha; rev. $4.5B; the VIX fell.",
            "The Sixers won one hundred twelve to one hundred four in overtime; two hundred copies per milliliter "
            "and five hundred trees per hectare; revenue four point five billion dollars; the Vix fell.",
            "The Sixers won one hundred and twelve to one hundred and four in overtime; two hundred copies per "
            "millilitre and five hundred trees per hectare; revenue four point five billion dollars; the Vix fell.",
        ),
    ],
    "a day after a time's p.m., inches after a fraction, a class's numeral, capitals glued to a number, formulas": [
        (
            "Sales end at 11:59 p.m. Dec. 31 and start at 9 a.m. Jan. 2; doors close at 5 p.m. March was slow.",
            "Sales end at eleven fifty nine PM December thirty first and start at nine AM January second; doors "
            "close at five PM. March was slow.",
            "Sales end at eleven fifty nine PM the thirty first of December and start at nine AM the second of "
            "January; doors close at five PM. March was slow.",
        ),
        (
            "It's 7/8 in. Then cut 2 1/2 in.",
            "It's seven eighths of an inch. Then cut two and a half inches.",
            "It's seven eighths of an inch. Then cut two and a half inches.",
        ),
        (
            "A Type I error, a Class V felony and a Grade I tear; the type I like.",
            "A Type one error, a Class five felony and a Grade one tear; the type I like.",
            "A Type one error, a Class five felony and a Grade one tear; the type I like.",
        ),
        (
            "In FY24 and the FY 2025 plan, NO2 fell and AB5 passed; the RX7900 beat the GTX1080.",
            "In F-Y twenty four and the F-Y twenty twenty five plan, N-O two fell and A-B five passed; the R-X "
            "seventy nine hundred beat the GTX ten eighty.",
            "In F-Y twenty four and the F-Y twenty twenty five plan, N-O two fell and A-B five passed; the R-X "
            "seventy nine hundred beat the GTX ten eighty.",
        ),
        (
            "BAKERY EST. 1887, open till 9 p.m. EST.",
            "BAKERY Established eighteen eighty seven, open till nine PM E-S-T.",
            "BAKERY Established eighteen eighty seven, open till nine PM E-S-T.",
        ),
        (
            "He hit his 50th HR (40 HRs this year); HR 72 bpm; HR: 88/min; ask the HR team.",
            "He hit his fiftieth home run (forty home runs this year); heart rate seventy two beats per minute; "
            "heart rate: eighty eight per minute; ask the HR team.",
            "He hit his fiftieth home run (forty home runs this year); heart rate seventy two beats per minute; "
            "heart rate: eighty eight per minute; ask the HR team.",
        ),
        (
            "TL;DR: in ep. 42 we took 3 g/24h.",
            "T-L-D-R: in episode forty two we took three grams per twenty four hours.",
            "T-L-D-R: in episode forty two we took three grams per twenty four hours.",
        ),
        (
            "CO₂ rose and H₂O froze; C₆H₁₂O₆ is glucose.",
            "C-O two rose and H two O froze; C six H twelve O six is glucose.",
            "C-O two rose and H two O froze; C six H twelve O six is glucose.",
        ),
        (
            "Beat 2 lg eggs with 1 med. onion and 1 btl. wine; a 2 bottle limit.",
            "Beat two large eggs with one medium onion and one bottle of wine; a two bottle limit.",
            "Beat two large eggs with one medium onion and one bottle of wine; a two bottle limit.",
        ),
        (
            "Dinner is €15 p.p. or $12/pp; Res. 242 passed (NYSE: AAPL).",
            "Dinner is fifteen euros per person or twelve dollars per person; Resolution two hundred forty two "
            "passed (N-Y-S-E: A-A-P-L).",
            "Dinner is fifteen euros per person or twelve dollars per person; Resolution two hundred and forty two "
            "passed (N-Y-S-E: A-A-P-L).",
        ),
    ],
    "years before a noun, lives, clocks written with dots, whole hours, titles without stops, codes, plurals": [
        (
            "Labour's 1997 landslide, the 1918 flu and the 1215 charter; Apple's 1500 employees; Wimbledon 2024 runs "
            "from July.",
            "Labour's nineteen ninety seven landslide, the nineteen eighteen flu and the twelve fifteen charter; "
            "Apple's one thousand five hundred employees; Wimbledon twenty twenty four runs from July.",
            "Labour's nineteen ninety seven landslide, the nineteen eighteen flu and the twelve fifteen charter; "
            "Apple's one thousand five hundred employees; Wimbledon twenty twenty four runs from July.",
        ),
        (
            "Alfred the Great (849–899) and the Chiefs (11-2); the tournament (1930-present).",
            "Alfred the Great (eight forty nine to eight ninety nine) and the Chiefs (eleven and two); the "
            "tournament (nineteen thirty to the present).",
            "Alfred the Great (eight forty nine to eight ninety nine) and the Chiefs (eleven and two); the "
            "tournament (nineteen thirty to the present).",
        ),
        (
            "Doors open at 6.30 and the train leaves at 9.05; we open at 10.00; the 8.15 from Brighton; open "
            "9.30-5.30 (but the stock closed at 6.30).",
            "Doors open at six thirty and the train leaves at nine oh five; we open at ten o'clock; the eight "
            "fifteen from Brighton; open nine thirty to five thirty (but the stock closed at six point three zero).",
            "Doors open at six thirty and the train leaves at nine oh five; we open at ten o'clock; the eight "
            "fifteen from Brighton; open nine thirty to five thirty (but the stock closed at six thirty).",
        ),
        (
            "Open 10:00-18:00 and from 11:00 until 15:00; lunch 12:00-13:00 (but 9:00-5:00).",
            "Open ten AM to six PM and from eleven AM until three PM; lunch noon to one PM (but nine o'clock to five "
            "o'clock).",
            "Open ten AM to six PM and from eleven AM until three PM; lunch noon to one PM (but nine o'clock to five "
            "o'clock).",
        ),
        (
            "We're now at 250k, up from 90k. Views: 12M.",
            "We're now at two hundred fifty thousand, up from ninety thousand. Views: twelve million.",
            "We're now at two hundred and fifty thousand, up from ninety thousand. Views: twelve million.",
        ),
        (
            "Prof Brian Cox climbed Mt Everest with Lt Gen Smith and Gov Newsom (but Gen Z).",
            "Professor Brian Cox climbed Mount Everest with Lieutenant General Smith and Governor Newsom (but Gen Z).",
            "Professor Brian Cox climbed Mount Everest with Lieutenant General Smith and Governor Newsom (but Gen Z).",
        ),
        (
            "Your code is 482 913. Enter PIN 1234. Customer number: 330129. Reference number: 4521 7788 9900.",
            "Your code is four eight two, nine one three. Enter pin one two three four. Customer number: three three "
            "zero one two nine. Reference number: four five two one, seven seven eight eight, nine nine zero zero.",
            "Your code is four eight two, nine one three. Enter pin one two three four. Customer number: three three "
            "oh one two nine. Reference number: four five two one, seven seven eight eight, nine nine oh oh.",
        ),
        (
            "Visit AcmeWidgets.com or Amazon.com.",
            "Visit Acme Widgets dot com or Amazon dot com.",
            "Visit Acme Widgets dot com or Amazon dot com.",
        ),
        (
            "The 90's and the 80’s; Kohli hit 6 4s and 3 6s, with 3 100s.",
            "The nineties and the eighties; Kohli hit six fours and three sixes, with three hundreds.",
            "The nineties and the eighties; Kohli hit six fours and three sixes, with three hundreds.",
        ),
        (
            "It costs $5/pint and pens are $1.99/ea. now.",
            "It costs five dollars per pint and pens are one dollar and ninety nine cents each now.",
            "It costs five dollars per pint and pens are one dollar and ninety nine cents each now.",
        ),
        (
            "The approx. cost; Ave. price; Min. order; Max. speed: 25 km/h (but I met Max. He left).",
            "The approximate cost; average price; Minimum order; Maximum speed: twenty five kilometers per hour (but "
            "I met Max. He left).",
            "The approximate cost; average price; Minimum order; Maximum speed: twenty five kilometres per hour (but "
            "I met Max. He left).",
        ),
        (
            "Add 1 T. butter, 1 t. salt and 2 TBSP honey (but 5 t. of steel).",
            "Add one tablespoon of butter, one teaspoon of salt and two tablespoons of honey (but five tonnes of "
            "steel).",
            "Add one tablespoon of butter, one teaspoon of salt and two tablespoons of honey (but five tonnes of "
            "steel).",
        ),
        (
            "Open Mon/Wed/Fri; the odds are 5/1; it costs CHF 50; cf. Section 4.",
            "Open Monday, Wednesday and Friday; the odds are five to one; it costs fifty Swiss francs; compare "
            "Section four.",
            "Open Monday, Wednesday and Friday; the odds are five to one; it costs fifty Swiss francs; compare "
            "Section four.",
        ),
        (
            "x86 chips in a PCIe Gen5 x16 slot; 25 cu. ft.; 1 pkg. cream cheese; Exp. date: 08/2026.",
            "x eighty six chips in a PCIe Gen five by sixteen slot; twenty five cubic feet; one package cream "
            "cheese; Expiration date: August twenty twenty six.",
            "x eighty six chips in a PCIe Gen five by sixteen slot; twenty five cubic feet; one package cream "
            "cheese; Expiration date: August twenty twenty six.",
        ),
        (
            "Jones v. the State; Model no. XR-500; ep. #127; shares rose 3p to 480p.",
            "Jones versus the State; Model number X-R-five hundred; episode number one hundred twenty seven; shares "
            "rose three p to four hundred eighty p.",
            "Jones versus the State; Model number X-R-five hundred; episode number one hundred and twenty seven; "
            "shares rose three p to four hundred and eighty p.",
        ),
    ],
    "a loss's sign said once, a lone currency sign, numerals before -era, overtimes, pi, copyright, tries": [
        (
            "The firm lost -$5m (-7pp); net worth $-3,000; 10 kgs; the $ has strengthened.",
            "The firm lost five million dollars (minus seven percentage points); net worth minus three thousand "
            "dollars; ten kilograms; the dollar has strengthened.",
            "The firm lost five million dollars (minus seven percentage points); net worth minus three thousand "
            "dollars; ten kilograms; the dollar has strengthened.",
        ),
        (
            "World War II-era bombers; won in 2OT; a 2.5:1 ratio; the area is πr²; © 2024 Acme (Copyright © 2024 "
            "Acme).",
            "World War two-era bombers; won in double overtime; a two point five to one ratio; the area is pi r "
            "squared; copyright twenty twenty four Acme (Copyright twenty twenty four Acme).",
            "World War two-era bombers; won in double overtime; a two point five to one ratio; the area is pi r "
            "squared; copyright twenty twenty four Acme (Copyright twenty twenty four Acme).",
        ),
        (
            "c.£200m; grill 2 x 200g steaks; preheat to 220C/200C fan/gas 7.",
            "circa two hundred million pounds; grill two two hundred gram steaks; preheat to two hundred twenty "
            "degrees Celsius, two hundred degrees Celsius fan, gas mark seven.",
            "circa two hundred million pounds; grill two two hundred gram steaks; preheat to two hundred and twenty "
            "degrees Celsius, two hundred degrees Celsius fan, gas mark seven.",
        ),
        (
            "Curry shot 8/14 from 3PT range and went 5/7 from the line (but I made 3/4 of a cup).",
            "Curry shot eight of fourteen from three-point range and went five of seven from the line (but I made "
            "three quarters of a cup).",
            "Curry shot eight of fourteen from three-point range and went five of seven from the line (but I made "
            "three quarters of a cup).",
        ),
    ],
    "a name's number of three digits, service numbers by country": [
        (
            "PHYS 101 starts Monday; Fahrenheit 451 is a novel; the Samsung 990 Pro and Peugeot 208 (but Chapter "
            "123, Boeing 300 jets, Only 450 remain).",
            "Phys one oh one starts Monday; Fahrenheit four fifty one is a novel; the Samsung nine ninety Pro and "
            "Peugeot two oh eight (but Chapter one hundred twenty three, Boeing three hundred jets, Only four "
            "hundred fifty remain).",
            "Phys one oh one starts Monday; Fahrenheit four fifty one is a novel; the Samsung nine ninety Pro and "
            "Peugeot two oh eight (but Chapter one hundred and twenty three, Boeing three hundred jets, Only four "
            "hundred and fifty remain).",
        ),
        (
            "Call 911 in an emergency, or 999 in the UK.",
            "Call nine one one in an emergency, or nine nine nine in the U-K.",
            "Call nine one one in an emergency, or nine nine nine in the U-K.",
        ),
    ],
    "money ranges in millions, metres before a direction, months and days written short, Indian amounts and more": [
        (
            "It sold for $8-12m (£1.5-2m); the cliff is 67 m above the sea and 6.5 m across; 285.8 kJ/mol; 120 m2; "
            "650 sqm.",
            "It sold for eight to twelve million dollars (one point five to two million pounds); the cliff is sixty "
            "seven meters above the sea and six point five meters across; two hundred eighty five point eight "
            "kilojoules per mole; one hundred twenty square meters; six hundred fifty square meters.",
            "It sold for eight to twelve million dollars (one point five to two million pounds); the cliff is sixty "
            "seven metres above the sea and six point five metres across; two hundred and eighty five point eight "
            "kilojoules per mole; one hundred and twenty square metres; six hundred and fifty square metres.",
        ),
        (
            "6/6/44; the talk is at 2.30, see you at 3.45, drinks from 5.30-7.30pm (but the price is at 2.30).",
            "June sixth, nineteen forty four; the talk is at two thirty, see you at three forty five, drinks from "
            "five thirty to seven thirty PM (but the price is at two point three zero).",
            "the sixth of June, nineteen forty four; the talk is at two thirty, see you at three forty five, drinks "
            "from five thirty to seven thirty PM (but the price is at two thirty).",
        ),
        (
            "Between Jan and Mar, from Jan to Apr, Jun to Jul, Mon thru Fri (but Tom and Jan).",
            "Between January and March, from January to April, June to July, Monday through Friday (but Tom and Jan).",
            "Between January and March, from January to April, June to July, Monday through Friday (but Tom and Jan).",
        ),
        (
            "Curfew is 2300 hours; back by 2230 (but logged 1500 hours); the 1000s; sale ends Sunday 30th.",
            "Curfew is twenty three hundred hours; back by twenty two thirty (but logged one thousand five hundred "
            "hours); the thousands; sale ends Sunday the thirtieth.",
            "Curfew is twenty three hundred hours; back by twenty two thirty (but logged one thousand five hundred "
            "hours); the thousands; sale ends Sunday the thirtieth.",
        ),
        (
            "Rent is £45 p.m.; Rev. was $3.2B; Booth #B12; Happy 4th of July; Rs. 7.99 lakh, ₹12 LPA, Rs.500/-.",
            "Rent is forty five pounds per month; revenue was three point two billion dollars; Booth number B one "
            "two; Happy Fourth of July; seven point nine nine lakh rupees, twelve lakh rupees per annum, five "
            "hundred rupees.",
            "Rent is forty five pounds per month; revenue was three point two billion dollars; Booth number B one "
            "two; Happy Fourth of July; seven point nine nine lakh rupees, twelve lakh rupees per annum, five "
            "hundred rupees.",
        ),
        (
            "Do 10 x burpees; 4 PM ET; England are 2–0 up; Man City are 4/6 favourites.",
            "Do ten burpees; four PM E-T; England are two to zero up; Man City are four to six favourites.",
            "Do ten burpees; four PM E-T; England are two nil up; Man City are four to six favourites.",
        ),
    ],
    "a company's Bros., an avenue's name, Mexican pesos, dates in brackets, a cricket total, a quarter, addresses": [
        (
            "Warner Bros. Discovery moved to Ave. of the Americas, Ave. A; MX$1,200; Weds 5/6.",
            "Warner Brothers Discovery moved to Avenue of the Americas, Avenue A; one thousand two hundred Mexican "
            "pesos; Wednesday May sixth.",
            "Warner Brothers Discovery moved to Avenue of the Americas, Avenue A; one thousand two hundred Mexican "
            "pesos; Wednesday the fifth of June.",
        ),
        (
            "Good Friday (29/3) and Easter Monday (1/4); India posted 352/7 in their 50 overs; every 15 min between "
            "7 and 9.",
            "Good Friday (March twenty ninth) and Easter Monday (April first); India posted three hundred fifty two "
            "for seven in their fifty overs; every fifteen minutes between seven and nine.",
            "Good Friday (the twenty ninth of March) and Easter Monday (the first of April); India posted three "
            "hundred and fifty two for seven in their fifty overs; every fifteen minutes between seven and nine.",
        ),
        (
            "Prices rose by a 1/4; $120 pppn; Cnr King & Queen Sts; NY, NY 10118; 3/45 George St.",
            "Prices rose by a quarter; one hundred twenty dollars per person per night; Corner King and Queen "
            "Streets; New York, New York one zero one one eight; three, forty five George Street.",
            "Prices rose by a quarter; one hundred and twenty dollars per person per night; Corner King and Queen "
            "Streets; New York, New York one oh one one eight; three, forty five George Street.",
        ),
    ],
    "dotted clocks after hours, a weekday and between; a measure after a possessive; more words written short": [
        (
            "Surgery hours: 8.00–6.30; Thurs 7.30–9; collection between 3.15 and 3.30.",
            "Surgery hours: eight o'clock to six thirty; Thursday seven thirty to nine; collection between three "
            "fifteen and three thirty.",
            "Surgery hours: eight o'clock to six thirty; Thursday seven thirty to nine; collection between three "
            "fifteen and three thirty.",
        ),
        (
            "Join our 5km run; the Asst. Manager; (agg. 4–2); w.e.f. 1 April; Cty. Rd. 12.",
            "Join our five kilometer run; the Assistant Manager; (aggregate four to two); with effect from April "
            "first; County Road twelve.",
            "Join our five kilometre run; the Assistant Manager; (aggregate four to two); with effect from the first "
            "of April; County Road twelve.",
        ),
    ],
    "minus between letters, a race's distance, a player's threes": [
        (
            "x - y = 4; the 4x100 m relay; a 400m PB; he made 11 3s.",
            "x minus y equals four; the four by one hundred meter relay; a four hundred meter P-B; he made eleven "
            "threes.",
            "x minus y equals four; the four by one hundred metre relay; a four hundred metre P-B; he made eleven "
            "threes.",
        ),
    ],
    "the last set of a run before a word, one age group, Monsignor and Brother": [
        (
            "Djokovic beat Alcaraz 6-4, 7-6, 6-2 in the final; Spain's (U18) side and the U-17 World Cup; Msgr. "
            "Rossi and Bro. Tom (but hey Bro. He left).",
            "Djokovic beat Alcaraz six four, seven six, six two in the final; Spain's (under-eighteen) side "
            "and the under-seventeen World Cup; Monsignor Rossi and Brother Tom (but hey Bro. He left).",
            "Djokovic beat Alcaraz six four, seven six, six two in the final; Spain's (under-eighteen) side and the "
            "under-seventeen World Cup; Monsignor Rossi and Brother Tom (but hey Bro. He left).",
        ),
    ],
    "sizes in a series, decimal ratios, minutes and seconds, prices before service, names' numbers": [
        (
            "Choose 8/16 GB or 64/128/256 GB; a 128/256GB model; a 1:0.95 ratio and a 3:2.5 mix.",
            "Choose eight, sixteen gigabytes or sixty four, one hundred twenty eight, two hundred fifty six "
            "gigabytes; a one hundred twenty eight, two hundred fifty six gigabyte model; a one to zero point nine "
            "five ratio and a three to two point five mix.",
            "Choose eight, sixteen gigabytes or sixty four, one hundred and twenty eight, two hundred and fifty six "
            "gigabytes; a one hundred and twenty eight, two hundred and fifty six gigabyte model; a one to zero "
            "point nine five ratio and a three to two point five mix.",
        ),
        (
            "Bettini won by 6'17\" (2'05\" on the climb) and ran 1m 23.456s; dinner is $159++ and rent $450/qtr.",
            "Bettini won by six minutes seventeen seconds (two minutes five seconds on the climb) and ran one minute "
            "twenty three point four five six seconds; dinner is one hundred fifty nine dollars plus plus and rent "
            "four hundred fifty dollars a quarter.",
            "Bettini won by six minutes seventeen seconds (two minutes five seconds on the climb) and ran one minute "
            "twenty three point four five six seconds; dinner is one hundred and fifty nine dollars plus plus and "
            "rent four hundred and fifty dollars a quarter.",
        ),
        (
            "Blink-182 played; a Tu-154 landed; he is 6'0\"; tickets $5/£4; 100°C/212°F; 7 p.m. ET/4 p.m. PT.",
            "Blink-one eighty two played; a Tu-one fifty four landed; he is six foot zero; tickets five dollars, "
            "four pounds; one hundred degrees Celsius, two hundred twelve degrees Fahrenheit; seven PM E-T, four PM "
            "P-T.",
            "Blink-one eighty two played; a Tu-one fifty four landed; he is six foot zero; tickets five dollars, "
            "four pounds; one hundred degrees Celsius, two hundred and twelve degrees Fahrenheit; seven PM E-T, four "
            "PM P-T.",
        ),
    ],
    "the Sun, millions of a unit, Acts and early years, clocks listed, zero-padded or in ranges with a letter": [
        (
            "Venus is the second planet from the Sun. It flew 6.1m km; the Reform Act 1832; taken in 1066 by the "
            "Normans.",
            "Venus is the second planet from the Sun. It flew six point one million kilometers; the Reform Act "
            "eighteen thirty two; taken in ten sixty six by the Normans.",
            "Venus is the second planet from the Sun. It flew six point one million kilometres; the Reform Act "
            "eighteen thirty two; taken in ten sixty six by the Normans.",
        ),
        (
            "Ferries sail at 08.30; departing at 10.00, 11.30, 13.00 and 15.30; choir 7.30–9pm; lunch 12–2.30pm; "
            "coffee 10.30am–12 noon.",
            "Ferries sail at eight thirty; departing at ten o'clock, eleven thirty, thirteen hundred and fifteen "
            "thirty; choir seven thirty to nine PM; lunch twelve to two thirty PM; coffee ten thirty AM to twelve "
            "noon.",
            "Ferries sail at eight thirty; departing at ten o'clock, eleven thirty, thirteen hundred and fifteen "
            "thirty; choir seven thirty to nine PM; lunch twelve to two thirty PM; coffee ten thirty AM to twelve "
            "noon.",
        ),
    ],
    "notices, bills and letters written short": [
        (
            "Rota for w/e 12th Jan; resume w/c 3rd March; Cllr. Jane Hughes, Pte. Harold Walsh and the Rt. Rev. John "
            "Smith; closed exc. Bank Holidays; £6,250 ono.",
            "Rota for week ending January twelfth; resume week commencing March third; Councillor Jane Hughes, "
            "Private Harold Walsh and the Right Reverend John Smith; closed except Bank Holidays; six thousand two "
            "hundred fifty pounds or nearest offer.",
            "Rota for week ending the twelfth of January; resume week commencing the third of March; Councillor Jane "
            "Hughes, Private Harold Walsh and the Right Reverend John Smith; closed except Bank Holidays; six "
            "thousand two hundred and fifty pounds or nearest offer.",
        ),
        (
            "Mrs. Ellis was b. 3 March 1930; a Sr. Software Engineer and Sr. Mary Agnes; Card ending 4421; P.O. Box "
            "15120; Washington, D.C. 20500; squawking 7700.",
            "Missus Ellis was born March third, nineteen thirty; a Senior Software Engineer and Sister Mary Agnes; "
            "Card ending four four two one; P O Box one five one two zero; Washington, DC two zero five zero zero; "
            "squawking seven seven zero zero.",
            "Missus Ellis was born the third of March, nineteen thirty; a Senior Software Engineer and Sister Mary "
            "Agnes; Card ending four four two one; P O Box one five one two oh; Washington, DC two oh five oh oh; "
            "squawking seven seven oh oh.",
        ),
        (
            "Petrol is 145.9p a litre; $0.96/share; 37.5 hrs p/w; damage 45 -> 40; MoE of +/- 3.5 pts; RSUs + 401k.",
            "Petrol is one hundred forty five point nine pence a litre; ninety six cents per share; thirty seven "
            "point five hours per week; damage forty five to forty; MoE of plus or minus three point five points; "
            "R-S-U's plus four oh one K.",
            "Petrol is one hundred and forty five point nine pence a litre; ninety six cents per share; thirty seven "
            "point five hours per week; damage forty five to forty; MoE of plus or minus three point five points; "
            "R-S-U's plus four oh one K.",
        ),
    ],
    "scores out of ten, rates per a power of ten, British doses, coordinates, slashed days, verses, trims": [
        (
            "Verdict: 8/10 - a great phone; it got 7/10 from us; 15.6/100,000 and 20/1,000 births; Ibuprofen 400mg "
            "tds, Metformin 500 mg bd.",
            "Verdict: eight out of ten - a great phone; it got seven out of ten from us; fifteen point six per "
            "hundred thousand and twenty per thousand births; Ibuprofen four hundred milligrams three times a day, "
            "Metformin five hundred milligrams twice a day.",
            "Verdict: eight out of ten - a great phone; it got seven out of ten from us; fifteen point six per "
            "hundred thousand and twenty per thousand births; Ibuprofen four hundred milligrams three times a day, "
            "Metformin five hundred milligrams twice a day.",
        ),
        (
            "27.47°S, 153.03°E and 1°E; Eid is expected on 30/31 March; the fair is on 5th/6th July; Phil 4:4-7, Jn "
            "3:16 and 2 Tim 3:16.",
            "twenty seven point four seven degrees south, one hundred fifty three point zero three degrees east and "
            "one degree east; Eid is expected on March thirtieth or thirty first; the fair is on July fifth or "
            "sixth; Philippians four, four to seven, John three, sixteen and Second Timothy three, sixteen.",
            "twenty seven point four seven degrees south, one hundred and fifty three point zero three degrees east "
            "and one degree east; Eid is expected on the thirtieth or thirty first of March; the fair is on the "
            "fifth or sixth of July; Philippians four, four to seven, John three, sixteen and Second Timothy three, "
            "sixteen.",
        ),
        (
            "R. v. Jordan; Ayes 320, Noes 200; the iPhone SE and a Toyota Camry SE (Winds NW 10 mph); a review "
            "scheduled for 10/15.",
            "R. versus Jordan; Ayes three hundred twenty, Noes two hundred; the iPhone S-E and a Toyota Camry S-E "
            "(Winds northwest ten miles per hour); a review scheduled for October fifteenth.",
            "R. versus Jordan; Ayes three hundred and twenty, Noes two hundred; the iPhone S-E and a Toyota Camry "
            "S-E (Winds northwest ten miles per hour); a review scheduled for the fifteenth of October.",
        ),
    ],
    "inches after a range, more of a unit, clocks in a zone, runways, a month and its year, squares, stock numbers": [
        (
            "Totals of 20–30 in. are possible over 200+ km (0100 GMT); runway 27L closed; First reg. 03/2016; (R² = "
            "0.62); Stock #A12345; a 2.8K 120Hz display.",
            "Totals of twenty to thirty inches are possible over two hundred plus kilometers (oh one hundred G-M-T); "
            "runway twenty seven left closed; First reg. March twenty sixteen; (R squared equals zero point six "
            "two); Stock number A one two three four five; a two point eight K one hundred twenty hertz display.",
            "Totals of twenty to thirty inches are possible over two hundred plus kilometres (oh one hundred G-M-T); "
            "runway twenty seven left closed; First reg. March twenty sixteen; (R squared equals zero point six "
            "two); Stock number A one two three four five; a two point eight K one hundred and twenty hertz display.",
        ),
    ],
    "circa before an era, flourished, isotopes, committees, ports counted": [
        (
            "Trajan c. AD 117; Tallis fl. in the 1530s (but the 3rd fl. 12 rooms); uranium-235; the Ways and Means "
            "Cttee; Ports: 2x Thunderbolt 4, 1x HDMI (but rose 2x March 3).",
            "Trajan circa A-D one seventeen; Tallis flourished in the fifteen thirties (but the third floor twelve "
            "rooms); uranium two thirty five; the Ways and Means Committee; Ports: two Thunderbolt four, one H-D-M-I "
            "(but rose two times March third).",
            "Trajan circa A-D one seventeen; Tallis flourished in the fifteen thirties (but the third floor twelve "
            "rooms); uranium two thirty five; the Ways and Means Committee; Ports: two Thunderbolt four, one H-D-M-I "
            "(but rose two times the third of March).",
        ),
    ],
    "streets after a direction or an ordinal, amounts pricing a noun, dates after available or before a colon": [
        (
            "220 W. Main St. Tickets are $8; toward E. 28th St. Stolen items; sent $1,400 checks; Pets OK w/ $300 "
            "deposit; Available 10/1; resume Tue., Sept. 3: 9 a.m.-8 p.m.; 1-5 p.m. Sun. and Mon.",
            "two twenty West Main Street. Tickets are eight dollars; toward East twenty eighth Street. Stolen items; "
            "sent one thousand four hundred dollar checks; Pets okay with three hundred dollar deposit; Available "
            "October first; resume Tuesday, September third: nine AM to eight PM; one to five PM Sunday and Monday.",
            "two twenty West Main Street. Tickets are eight dollars; toward East twenty eighth Street. Stolen items; "
            "sent one thousand four hundred dollar checks; Pets okay with three hundred dollar deposit; Available "
            "the tenth of January; resume Tuesday, the third of September: nine AM to eight PM; one to five PM "
            "Sunday and Monday.",
        ),
        (
            "Walgreens #7731, badge #4471; a 14K gold watch and 22ct gold; 1/2 avocado and 1/2 tablet; a 4-cyl. "
            "engine; Conf. Rm. B; chs. 1-16; 75cl; from Co. Cork; Residents' Assoc.; national avg; Welsh Govt; w/b "
            "14 Oct.",
            "Walgreens number seventy seven thirty one, badge number forty four seventy one; a fourteen karat gold "
            "watch and twenty two karat gold; half an avocado and half a tablet; a four-cylinder engine; Conference "
            "Room B; chapters one to sixteen; seventy five centiliters; from County Cork; Residents' Association; "
            "national average; Welsh Government; week beginning October fourteenth.",
            "Walgreens number seventy seven thirty one, badge number forty four seventy one; a fourteen carat gold "
            "watch and twenty two carat gold; half an avocado and half a tablet; a four-cylinder engine; Conference "
            "Room B; chapters one to sixteen; seventy five centilitres; from County Cork; Residents' Association; "
            "national average; Welsh Government; week beginning the fourteenth of October.",
        ),
    ],
    "a month's full stop, British notices and sport written short, a change's plus, prices per gram": [
        (
            "Off on Fri 15 March. 73,000 came; reg. charity no. 1123456; ll. 56-88; a 10/11 fav (v Storm, Sat 27/4); "
            "KO 4.30pm; Y6 lead; Greggs plc; SE Qld; (+13.6%), (CPI+1%); ₹6,850/gram; 118g/km.",
            "Off on Friday, March fifteenth. seventy three thousand came; registered charity number one one two "
            "three four five six; lines fifty six to eighty eight; a ten to eleven favourite (versus Storm, Saturday "
            "April twenty seventh); kick-off four thirty PM; Year six lead; Greggs P-L-C; southeast Queensland; "
            "(plus thirteen point six percent), (C-P-I plus one percent); six thousand eight hundred fifty rupees "
            "per gram; one hundred eighteen grams per kilometer.",
            "Off on Friday, the fifteenth of March. seventy three thousand came; registered charity number one one "
            "two three four five six; lines fifty six to eighty eight; a ten to eleven favourite (versus Storm, "
            "Saturday the twenty seventh of April); kick-off four thirty PM; Year six lead; Greggs P-L-C; southeast "
            "Queensland; (plus thirteen point six percent), (C-P-I plus one percent); six thousand eight hundred and "
            "fifty rupees per gram; one hundred and eighteen grams per kilometre.",
        ),
    ],
    "every side of a size before its noun, makes of tries with a dash, a direction after an avenue or a lake": [
        (
            "a 24' x 16' deck (but The room is 12' x 14'.); he went 7-22 from 3-pt. range (but took 3-4 days); Park "
            "Ave. S., Fl. 12; Lake Tahoe NE.",
            "a twenty four foot by sixteen foot deck (but The room is twelve feet by fourteen feet.); he went seven "
            "of twenty two from three point range (but took three to four days); Park Avenue South, Floor twelve; "
            "Lake Tahoe northeast.",
            "a twenty four foot by sixteen foot deck (but The room is twelve feet by fourteen feet.); he went seven "
            "of twenty two from three point range (but took three to four days); Park Avenue South, Floor twelve; "
            "Lake Tahoe northeast.",
        ),
    ],
    "a strength per a volume, a stage's numeral and letter, Dublin's numbers, a list's millions, the 777X": [
        (
            "Amoxicillin 250 mg/5 mL suspension (but 24 cores/32 threads); Stage IIIB disease and Type IIA fibres; "
            "ring the office on 01 477 1234.",
            "Amoxicillin two hundred fifty milligrams per five milliliters suspension (but twenty four cores and "
            "thirty two threads); Stage three B disease and Type two A fibres; ring the office on zero one, four "
            "seven seven, one two three four.",
            "Amoxicillin two hundred and fifty milligrams per five millilitres suspension (but twenty four cores and "
            "thirty two threads); Stage three B disease and Type two A fibres; ring the office on oh one, four seven "
            "seven, one two three four.",
        ),
        (
            "The NHS waiting list hit 7.6m in September (but the list is 3m long); the Boeing 777X.",
            "The NHS waiting list hit seven point six million in September (but the list is three meters long); the "
            "Boeing seven seventy seven X.",
            "The NHS waiting list hit seven point six million in September (but the list is three metres long); the "
            "Boeing seven seventy seven X.",
        ),
    ],
    "currency codes and signs of more countries, a crown by its country, a guide's price level": [
        (
            "It costs 50 PLN, 300 CZK, 2,000 HUF or AED 150; 99 SAR, 1,200 THB and ฿500; NGN 5,000, ILS 30 and "
            "2.50 PLN (but PHP 8.2).",
            "It costs fifty zlotys, three hundred Czech korunas, two thousand forints or one hundred fifty "
            "dirhams; ninety nine Saudi riyals, one thousand two hundred baht and five hundred baht; five "
            "thousand naira, thirty shekels and two zlotys and fifty groszy (but P-H-P eight point two).",
            "It costs fifty zlotys, three hundred Czech korunas, two thousand forints or one hundred and fifty "
            "dirhams; ninety nine Saudi riyals, one thousand two hundred baht and five hundred baht; five "
            "thousand naira, thirty shekels and two zlotys and fifty groszy (but P-H-P eight point two).",
        ),
        (
            "In Stockholm a coffee costs 45 kr., in Oslo 60 kr., in Reykjavik 900 kr. and in Kraków 12 zł. Sushi "
            "Ko ($$$), Taco Hut ($); Price: $$ (but save $$$ now).",
            "In Stockholm a coffee costs forty five kronor, in Oslo sixty kroner, in Reykjavik nine hundred "
            "kronur and in Kraków twelve zlotys. Sushi Ko (three dollar signs), Taco Hut (one dollar sign); "
            "Price: two dollar signs (but save money now).",
            "In Stockholm a coffee costs forty five kronor, in Oslo sixty kroner, in Reykjavik nine hundred "
            "kronur and in Kraków twelve zlotys. Sushi Ko (three dollar signs), Taco Hut (one dollar sign); "
            "Price: two dollar signs (but save money now).",
        ),
    ],
    "a statute's section in pairs, born in an early year, a sister before one name, a hyphen's measure and its dot": [
        (
            "Under 18 U.S.C. § 1001 and §§ 2001-2003 (but the B4009); Bede (b. 673, d. 735); Ask Sr. Anne (but a "
            "Sr. Recruiter); a 4-yr.-old joined our 6-wk. Bible study.",
            "Under eighteen U.S.C. section ten oh one and sections twenty oh one to twenty oh three (but the B "
            "four oh oh nine); Bede (born six seventy three, died seven thirty five); Ask Sister Anne (but a "
            "Senior Recruiter); a four year-old joined our six week Bible study.",
            "Under eighteen U.S.C. section ten oh one and sections twenty oh one to twenty oh three (but the B "
            "four oh oh nine); Bede (born six seventy three, died seven thirty five); Ask Sister Anne (but a "
            "Senior Recruiter); a four year-old joined our six week Bible study.",
        ),
    ],
    "a measure before a name, a power before charging": [
        (
            "45W charging, 15W wireless charging, a 2TB Samsung drive, a 5.0L V8 and a 500 ml Coke (but it weighs "
            "5 kg. Then it grew).",
            "forty five watt charging, fifteen watt wireless charging, a two terabyte Samsung drive, a five point "
            "zero liter V eight and a five hundred milliliter Coke (but it weighs five kilograms. Then it grew).",
            "forty five watt charging, fifteen watt wireless charging, a two terabyte Samsung drive, a five point "
            "zero litre V eight and a five hundred millilitre Coke (but it weighs five kilograms. Then it grew).",
        ),
    ],
    "an identifier's groups after its name, an international number's groups, a dollar amount's code": [
        (
            "NHS No. 943 476 5919; Card 4111 1111 1111 1111; Ref. 12 345 678 (but 12 345 678 people); WhatsApp "
            "+254 712 345 678; $750 MXN and $20 AUD.",
            "NHS Number nine four three, four seven six, five nine one nine; Card four one one one, one one one "
            "one, one one one one, one one one one; Reference one two, three four five, six seven eight (but "
            "twelve million three hundred forty five thousand six hundred seventy eight people); WhatsApp plus "
            "two five four, seven one two, three four five, six seven eight; seven hundred fifty Mexican pesos "
            "and twenty Australian dollars.",
            "NHS Number nine four three, four seven six, five nine one nine; Card four one one one, one one one "
            "one, one one one one, one one one one; Reference one two, three four five, six seven eight (but "
            "twelve million three hundred and forty five thousand six hundred and seventy eight people); WhatsApp "
            "plus two five four, seven one two, three four five, six seven eight; seven hundred and fifty Mexican "
            "pesos and twenty Australian dollars.",
        ),
    ],
    "power in watts before a stop, a blood test's ratio, a ruler's I after an opening word, a title's initial": [
        (
            "Output is rated at 65 W. It charges fast (but 220 W. Main St.); target INR 2.0-3.0 (but INR 500). "
            "Then Charles I lost his head; In 1066 William I defeated Harold (but When I met Charles I lost my "
            "keys). Dr. S. Khan saw Dr. N. Jones.",
            "Output is rated at sixty five watts. It charges fast (but two twenty West Main Street); target I-N-R "
            "two point zero to three point zero (but five hundred rupees). Then Charles the first lost his head; "
            "In ten sixty six William the first defeated Harold (but When I met Charles I lost my keys). Doctor S "
            "Khan saw Doctor N Jones.",
            "Output is rated at sixty five watts. It charges fast (but two twenty West Main Street); target I-N-R "
            "two point zero to three point zero (but five hundred rupees). Then Charles the first lost his head; "
            "In ten sixty six William the first defeated Harold (but When I met Charles I lost my keys). Doctor S "
            "Khan saw Doctor N Jones.",
        ),
    ],
    "an airliner by its number, road races in a list, a patient's pain, sides' scores and parties' seats": [
        (
            "The 747 took off (but 747 people came); she hosts 10K and 5K races and ran a sub-50 10K; pain is "
            "7/10; Australia 298 all out; Con 365, SNP 48 (but Fahrenheit 451).",
            "The seven forty seven took off (but seven hundred forty seven people came); she hosts ten K and five "
            "K races and ran a sub-fifty ten K; pain is seven out of ten; Australia two hundred ninety eight all "
            "out; Con three hundred sixty five, S-N-P forty eight (but Fahrenheit four fifty one).",
            "The seven forty seven took off (but seven hundred and forty seven people came); she hosts ten K and "
            "five K races and ran a sub-fifty ten K; pain is seven out of ten; Australia two hundred and ninety "
            "eight all out; Con three hundred and sixty five, S-N-P forty eight (but Fahrenheit four fifty one).",
        ),
    ],
    "money something was done to, millions of money, a dose's form, Swiss francs and rand, more countries' signs": [
        (
            "Of the $200 collected and the £5m pledged (but a $300 bed); they spent 3m on ads, 2m yen; 500 mg "
            "caps. daily; Fr. 56.80 in Zurich; R350 in Cape Town. Take the R350 to Galway; KSh 108, Rp20,000 and "
            "600 MAD.",
            "Of the two hundred dollars collected and the five million pounds pledged (but a three hundred dollar "
            "bed); they spent three million on ads, two million yen; five hundred milligram capsules daily; fifty "
            "six Swiss francs and eighty centimes in Zurich; three hundred fifty rand in Cape Town. Take the R "
            "three fifty to Galway; one hundred eight Kenyan shillings, twenty thousand rupiah and six hundred "
            "Moroccan dirhams.",
            "Of the two hundred dollars collected and the five million pounds pledged (but a three hundred dollar "
            "bed); they spent three million on ads, two million yen; five hundred milligram capsules daily; fifty "
            "six Swiss francs and eighty centimes in Zurich; three hundred and fifty rand in Cape Town. Take the "
            "R three fifty to Galway; one hundred and eight Kenyan shillings, twenty thousand rupiah and six "
            "hundred Moroccan dirhams.",
        ),
    ],
    "dotted clocks of travel, a spaced dash between kinds, Wi-Fi's standard, glued arrows and times, sport's words": [
        (
            "Boarding 14.35, Dep. 10.05, Last train: 23.45; Edition – 1TB – £389.99 (but 9 am – 5 pm); 802.11ax; "
            "SFO→FRA; 4× faster; Alcaraz def. Sinner (but the def. of a word); 54 HR, 40 PTS, 20 REB.",
            "Boarding fourteen thirty five, Departs ten oh five, Last train: twenty three forty five; Edition – "
            "one terabyte – three hundred eighty nine pounds ninety nine (but nine AM to five PM); eight oh two "
            "dot eleven A-X; SFO to FRA; four times faster; Alcaraz defeated Sinner (but the def. of a word); "
            "fifty four home runs, forty points, twenty rebounds.",
            "Boarding fourteen thirty five, Departs ten oh five, Last train: twenty three forty five; Edition – "
            "one terabyte – three hundred and eighty nine pounds ninety nine (but nine AM to five PM); eight oh "
            "two dot eleven A-X; SFO to FRA; four times faster; Alcaraz defeated Sinner (but the def. of a word); "
            "fifty four home runs, forty points, twenty rebounds.",
        ),
    ],
    "one of a thing and a price's times, a day's capitals, a name's initial after a word written short, a ministry": [
        (
            "In the box: 1 x phone, 1 x USB-C cable (but 11 x phone). Total: 3 x £4.50 = £13.50. On Wed. HIIT "
            "class (but See you Fri. Bring snacks). Contact Mgr. J. Ruiz; the Min. of Finance (but Min. order 5).",
            "In the box: one phone, one USB-C cable (but eleven x phone). Total: three times four pounds fifty "
            "equals thirteen pounds fifty. On Wednesday Hiit class (but See you Friday. Bring snacks). Contact "
            "Manager J. Ruiz; the Ministry of Finance (but Minimum order five).",
            "In the box: one phone, one USB-C cable (but eleven x phone). Total: three times four pounds fifty "
            "equals thirteen pounds fifty. On Wednesday Hiit class (but See you Friday. Bring snacks). Contact "
            "Manager J. Ruiz; the Ministry of Finance (but Minimum order five).",
        ),
    ],
    "a horse race's miles and furlongs, per a litre and a decilitre, about a prefixed dollar, hours' full stop": [
        (
            "Over 2m 4f at Cheltenham, 1m 2f 110y and over 7½f (but a 2m wall); glucose 110 mg/dl; €1.89/l "
            "diesel; (~US$4,000); arrives at 08:32 hrs. Then we rest.",
            "Over two miles four furlongs at Cheltenham, one mile two furlongs one hundred ten yards and over "
            "seven and a half furlongs (but a two meter wall); glucose one hundred ten milligrams per deciliter; "
            "one euro and eighty nine cents per liter diesel; (about four thousand dollars); arrives at eight "
            "thirty two hours. Then we rest.",
            "Over two miles four furlongs at Cheltenham, one mile two furlongs one hundred and ten yards and over "
            "seven and a half furlongs (but a two metre wall); glucose one hundred and ten milligrams per "
            "decilitre; one euro and eighty nine cents per litre diesel; (about four thousand dollars); arrives "
            "at eight thirty two hours. Then we rest.",
        ),
    ],
    "clocks after ETA, a morning's span, ratios of a mix, rooms and divisions written short, US before a dollar": [
        (
            "ETA 1200 hrs, ETD 0930; open 09:00-09:45 (but at 09:00); dilute 1:10 with water; see rm. 12 in the "
            "Div. 2 office; US $599 (but A $20 bill).",
            "E-T-A twelve hundred hours, E-T-D oh nine thirty; open nine to nine forty five (but at oh nine "
            "hundred); dilute one to ten with water; see room twelve in the Division two office; five hundred "
            "ninety nine dollars (but A twenty dollar bill).",
            "E-T-A twelve hundred hours, E-T-D oh nine thirty; open nine to nine forty five (but at oh nine "
            "hundred); dilute one to ten with water; see room twelve in the Division two office; five hundred and "
            "ninety nine dollars (but A twenty dollar bill).",
        ),
    ],
    "records, a point before a lead, touchdown passes, averages, beats, ohms, doors, packs, extra time": [
        (
            "Skenes (10-3, 1.96 ERA); The Bears are 5-12; (but scores were 5-12); City are 1 pt behind (but 1 pt "
            "milk); in 6-pt passing leagues; threw 3 TD passes; his average to .304; Max HR 186 BPM; 32 Ω; a 5-dr "
            "hatch; a 6pk of cola; won 2-1 (aet).",
            "Skenes (ten and three, one point nine six ERA); The Bears are five and twelve; (but scores were five "
            "to twelve); City are one point behind (but one pint milk); in six point passing leagues; threw three "
            "touchdown passes; his average to three oh four; Max HR one hundred eighty six beats per minute; "
            "thirty two ohms; a five door hatch; a six pack of cola; won two to one (after extra time).",
            "Skenes (ten and three, one point nine six ERA); The Bears are five and twelve; (but scores were five "
            "twelve); City are one point behind (but one pint milk); in six point passing leagues; threw three "
            "touchdown passes; his average to three oh four; Max HR one hundred and eighty six beats per minute; "
            "thirty two ohms; a five door hatch; a six pack of cola; won two one (after extra time).",
        ),
    ],
    "thousands grouped by full stops beside money written the continental way": [
        (
            "It costs 2.400 kr. in Oslo, ARS 15.000, 500.000 VND, 12.500 ₽ and Rp 1.500.000 (but KWD 1.500).",
            "It costs two thousand four hundred kroner in Oslo, fifteen thousand Argentine pesos, five hundred "
            "thousand dong, twelve thousand five hundred rubles and one million five hundred thousand rupiah (but "
            "one point five zero zero Kuwaiti dinars).",
            "It costs two thousand four hundred kroner in Oslo, fifteen thousand Argentine pesos, five hundred "
            "thousand dong, twelve thousand five hundred rubles and one million five hundred thousand rupiah (but "
            "one point five zero zero Kuwaiti dinars).",
        ),
    ],
    "cashtags, negatives in brackets, figures restating words, versions after v, millions and thousands glued": [
        (
            "$AAPL up 5% (but costs $5); EPS was $(0.12); a net loss of $(1.2) million; six (6) months (but the "
            "fee (30) is due); Node v18 (but set v0 = 1); rose by 206K; until I hit 1M!; a 1.2M HP engine; reply "
            "by 6/6.",
            "A-A-P-L up five percent (but costs five dollars); E-P-S was minus twelve cents; a net loss of one "
            "point two million dollars; six months (but the fee (thirty) is due); Node version eighteen (but set "
            "v zero equals one); rose by two hundred six thousand; until I hit one million!; a one point two "
            "million HP engine; reply by June sixth.",
            "A-A-P-L up five percent (but costs five dollars); E-P-S was minus twelve cents; a net loss of one "
            "point two million dollars; six months (but the fee (thirty) is due); Node version eighteen (but set "
            "v zero equals one); rose by two hundred and six thousand; until I hit one million!; a one point two "
            "million HP engine; reply by the sixth of June.",
        ),
    ],
    "a time or a weight before a noun, scientific times, degree classes, double XP, parts, previous prices": [
        (
            "A 10 min walk, 5–10 min slots, 2 hr sessions, per 30g serving (but 10 min later, 200 g flour); 9.11 "
            "x 10^-31 kg; 0.4 × exams; a 2:1 honours degree; earn 2x XP; Subscribe for pt. 2 (prev. €130); dew "
            "pt. 58°F.",
            "A ten minute walk, five to ten minute slots, two hour sessions, per thirty gram serving (but ten "
            "minutes later, two hundred grams of flour); nine point one one times ten to the power of minus "
            "thirty one kilograms; zero point four times exams; a two one honours degree; earn two times X-P; "
            "Subscribe for part two (previously one hundred thirty euros); dew point fifty eight degrees "
            "Fahrenheit.",
            "A ten minute walk, five to ten minute slots, two hour sessions, per thirty gram serving (but ten "
            "minutes later, two hundred grams of flour); nine point one one times ten to the power of minus "
            "thirty one kilograms; zero point four times exams; a two one honours degree; earn two times X-P; "
            "Subscribe for part two (previously one hundred and thirty euros); dew point fifty eight degrees "
            "Fahrenheit.",
        ),
    ],
    "identifiers with a dash, named days and weeks, half price, courses, ages, listings, glued durations": [
        (
            "Property ID: 45-7781 (but order 100-200 units); Picture day is 9/12; Exams week of 5/12–5/16; Tue – "
            "1/2 price wings; ECON 1B; Kids' menu (under 12s) (but ran under 10s); 4 bd | 3.5 ba; $3,200 pm; "
            "£2.50 psf; 4.2 ly; 1 atm; 310 Cal; takes ~3m30s; 1h20m.",
            "Property I-D: four five, seven seven eight one (but order one hundred to two hundred units); Picture "
            "day is September twelfth; Exams week of May twelfth to May sixteenth; Tuesday – half price wings; "
            "Econ one B; Kids' menu (under twelves) (but ran under ten seconds); four bedrooms, three point five "
            "baths; three thousand two hundred dollars a month; two pounds fifty per square foot; four point two "
            "light-years; one atmosphere; three hundred ten Calories; takes about three minutes thirty seconds; "
            "one hour twenty minutes.",
            "Property I-D: four five, seven seven eight one (but order one hundred to two hundred units); Picture "
            "day is the ninth of December; Exams week of the twelfth of May to the sixteenth of May; Tuesday – "
            "half price wings; Econ one B; Kids' menu (under twelves) (but ran under ten seconds); four bedrooms, "
            "three point five baths; three thousand two hundred dollars a month; two pounds fifty per square "
            "foot; four point two light-years; one atmosphere; three hundred and ten Calories; takes about three "
            "minutes thirty seconds; one hour twenty minutes.",
        ),
    ],
    "dotted versions in software's words, this decade's years after an owner": [
        (
            "Bump lodash from 4.17.20 to 4.17.21; upgrade to 3.10.12 (but the invoice dated 03.04.25); my 2024 "
            "goals, the fiscal 2025 outlook (but my 2000 followers).",
            "Bump lodash from four point seventeen point twenty to four point seventeen point twenty one; upgrade "
            "to three point ten point twelve (but the invoice dated April third, twenty twenty five); my twenty "
            "twenty four goals, the fiscal twenty twenty five outlook (but my two thousand followers).",
            "Bump lodash from four point seventeen point twenty to four point seventeen point twenty one; upgrade "
            "to three point ten point twelve (but the invoice dated the third of April, twenty twenty five); my "
            "twenty twenty four goals, the fiscal twenty twenty five outlook (but my two thousand followers).",
        ),
    ],
    "chemical formulas in plain digits, two-letter elements": [
        (
            "Add H2SO4, HNO3, NaHCO3 and C2H5OH; 0.1 M NaCl and HCl (but NaN values, PS5, vitamin B12, HiFi).",
            "Add H two S-O four, H-N-O three, N-A-H-C-O three and C two H five O-H; zero point one molar N-A-C-L "
            "and H-C-L (but NaN values, P-S five, vitamin B twelve, HiFi).",
            "Add H two S-O four, H-N-O three, N-A-H-C-O three and C two H five O-H; zero point one molar N-A-C-L "
            "and H-C-L (but NaN values, P-S five, vitamin B twelve, HiFi).",
        ),
    ],
    "an abbreviation that opens a heading or a field": [
        (
            "Est. Completion Date: June 2025. Dept. Head approval required. See Acct. Statement for "
            "details. (But we met at Acme Corp. Then we left.)",
            "Estimated Completion Date: June twenty twenty five. Department Head approval required. "
            "See Account Statement for details. (But we met at Acme Corporation. Then we left.)",
            "Estimated Completion Date: June twenty twenty five. Department Head approval required. "
            "See Account Statement for details. (But we met at Acme Corporation. Then we left.)",
        ),
    ],
    "clocks off the five-minute marks, series of values": [
        (
            "The 07.52 from Reading arrives at 14.27; I'll meet you at 12.30 (but shares closed at "
            "14.27). Stats: 8/12/10 KDA, RAM 8/16/32 GB, Mana 11/12/13/14, pen 18/21/24% (but born "
            "8/12/10).",
            "The seven fifty two from Reading arrives at fourteen twenty seven; I'll meet you at "
            "twelve thirty (but shares closed at fourteen point two seven). Stats: eight, twelve, "
            "ten K-D-A, Ram eight, sixteen, thirty two gigabytes, Mana eleven, twelve, thirteen, "
            "fourteen, pen eighteen, twenty one, twenty four percent (but born August twelfth, "
            "twenty ten).",
            "The seven fifty two from Reading arrives at fourteen twenty seven; I'll meet you at "
            "twelve thirty (but shares closed at fourteen point two seven). Stats: eight, twelve, "
            "ten K-D-A, Ram eight, sixteen, thirty two gigabytes, Mana eleven, twelve, thirteen, "
            "fourteen, pen eighteen, twenty one, twenty four percent (but born the twelfth of "
            "August, twenty ten).",
        ),
    ],
    "millions before capitals, finance's mm, formulas after molar": [
        (
            "1.4M IOPS, 5M MAU and 21M BTC; the revolver is $750mm and revenue $12.5 MM (but 2 M "
            "NaOH and a 1 M solution).",
            "one point four million Iops, five million M-A-U and twenty one million bitcoin; the "
            "revolver is seven hundred fifty million dollars and revenue twelve point five million "
            "dollars (but two molar N-A-O-H and a one molar solution).",
            "one point four million Iops, five million M-A-U and twenty one million bitcoin; the "
            "revolver is seven hundred and fifty million dollars and revenue twelve point five "
            "million dollars (but two molar N-A-O-H and a one molar solution).",
        ),
    ],
    "plural numbers, groups by letter, service numbers, phone numbers written whole": [
        (
            "She got 9s and 8s; Over 50s walking football; Class 3B and a 2B pencil (but we raised "
            "7B last year). Call 119 or 116 123. Call 9876543210.",
            "She got nines and eights; Over fifties walking football; Class three B and a two B "
            "pencil (but we raised seven billion last year). Call one one nine or one one six, one "
            "two three. Call nine eight seven, six five four, three two one zero.",
            "She got nines and eights; Over fifties walking football; Class three B and a two B "
            "pencil (but we raised seven billion last year). Call one one nine or one one six, one "
            "two three. Call nine eight seven six five, four three two one oh.",
        ),
    ],
    "comparisons glued to words, laboratory units, panels of figures, standard errors, winds by letter": [
        (
            "p<0.001 and eGFR<30; K 5.8 mEq/L, ALT 85 U/L, BNP 450 pg/mL, 0.5 mL/kg/h; (Fig. 4C) "
            "and Figs. 2B; SE = 0.08 (but winds SE 10 mph); winds W 10 kt.",
            "p is less than zero point zero zero one and eGFR less than thirty; K five point eight "
            "milliequivalents per liter, A-L-T eighty five units per liter, B-N-P four hundred "
            "fifty picograms per milliliter, zero point five milliliters per kilogram per hour; "
            "(Figure four C) and Figures two B; S-E equals zero point zero eight (but winds "
            "southeast ten miles per hour); winds West ten knots.",
            "p is less than zero point zero zero one and eGFR less than thirty; K five point eight "
            "milliequivalents per litre, A-L-T eighty five units per litre, B-N-P four hundred and "
            "fifty picograms per millilitre, zero point five millilitres per kilogram per hour; "
            "(Figure four C) and Figures two B; S-E equals zero point zero eight (but winds "
            "southeast ten miles per hour); winds West ten knots.",
        ),
    ],
    "scales as ratios, links without a scheme, Reddit names, hashtags said once, versus between numbers": [
        (
            "Scale 1:50 and a contrast ratio of 1,000,000:1; youtu.be/dQw4 and amzn.to/3Kp; "
            "u/techguy42 in r/buildapc; use the hashtag #MyPixelStory; 9.784 v 9.789, 1st v 2nd.",
            "Scale one to fifty and a contrast ratio of one million to one; youtu dot be slash dQw "
            "four and amzn dot to slash three Kp; u slash techguy forty two in r slash buildapc; "
            "use the hashtag My Pixel Story; nine point seven eight four versus nine point seven "
            "eight nine, first versus second.",
            "Scale one to fifty and a contrast ratio of one million to one; youtu dot be slash dQw "
            "four and amzn dot to slash three Kp; u slash techguy forty two in r slash buildapc; "
            "use the hashtag My Pixel Story; nine point seven eight four versus nine point seven "
            "eight nine, first versus second.",
        ),
    ],
    "exchanges, keys and emoji, featuring, percentage points, match play, race times, an innings": [
        (
            'Listed on the NYSE; employer NICs; press ⌘ + Shift; 3️⃣ reasons; "Midnight" (feat. '
            "Doja Cat) (but what a feat. Then); down 1.3 ppts; won 3&2; WR 1:42:37.891; Australia "
            "211/4, lead by 98.",
            "Listed on the N-Y-S-E; employer N-I-C's; press command plus Shift; three reasons; "
            '"Midnight" (featuring Doja Cat) (but what a feat. Then); down one point three '
            "percentage points; won three and two; W-R one forty two thirty seven point eight nine "
            "one; Australia two hundred eleven for four, lead by ninety eight.",
            "Listed on the N-Y-S-E; employer N-I-C's; press command plus Shift; three reasons; "
            '"Midnight" (featuring Doja Cat) (but what a feat. Then); down one point three '
            "percentage points; won three and two; W-R one forty two thirty seven point eight nine "
            "one; Australia two hundred and eleven for four, lead by ninety eight.",
        ),
    ],
    "ranges after naming words, days written first, 4K after at, an end mark": [
        (
            "Zones 1-6 Travelcard; Christmas Day 25/12 and the collection is 28/11; faster at 4K "
            "(but rose to $4K).\n# # #\nEnds here.",
            "Zones one to six Travelcard; Christmas Day December twenty fifth and the collection is "
            "November twenty eighth; faster at four K (but rose to four thousand dollars). Ends "
            "here.",
            "Zones one to six Travelcard; Christmas Day the twenty fifth of December and the "
            "collection is the twenty eighth of November; faster at four K (but rose to four "
            "thousand dollars). Ends here.",
        ),
    ],
    "hardware's model numbers, tennis sets, records, wins and losses, darts' maximums": [
        (
            "Is the 4090 worth it? My 3070 vs the 7900 XTX (but the 2000 election, 3000 people). "
            "She won 6-0, 6-0; Sinner won 6-3, 6-4, 7-6(5). Usyk improved to 22-0 (14 KOs); the "
            "Celtics are 64-18 and lead; 28W-12L; Humphries hit 14 180s.",
            "Is the forty ninety worth it? My thirty seventy versus the seventy nine hundred X-T-X "
            "(but the two thousand election, three thousand people). She won six love, six love; "
            "Sinner won six three, six four, seven six, five. Usyk improved to twenty two and oh "
            "(fourteen K-O's); the Celtics are sixty four and eighteen and lead; twenty eight wins, "
            "twelve losses; Humphries hit fourteen one eighties.",
            "Is the forty ninety worth it? My thirty seventy versus the seventy nine hundred X-T-X "
            "(but the two thousand election, three thousand people). She won six love, six love; "
            "Sinner won six three, six four, seven six, five. Usyk improved to twenty two and oh "
            "(fourteen K-O's); the Celtics are sixty four and eighteen and lead; twenty eight wins, "
            "twelve losses; Humphries hit fourteen one eighties.",
        ),
    ],
    "prices on a betting card, degree classes, scores out of their most, grades with stars": [
        (
            "Man City are 4/6 on, Arsenal 9/4, the draw 3/1 (but Liverpool won 3/4 of their games). "
            "A 2:1 in History; he got a 2:2. But a 2:1 win; GCS 14/15, Power 4/5. Predicted A*AA "
            "and D*D*D*.",
            "Man City are four to six on, Arsenal nine to four, the draw three to one (but "
            "Liverpool won three quarters of their games). A two one in History; he got a two two. "
            "But a two to one win; G-C-S fourteen out of fifteen, Power four out of five. Predicted "
            "A star A A and D star D star D star.",
            "Man City are four to six on, Arsenal nine to four, the draw three to one (but "
            "Liverpool won three quarters of their games). A two one in History; he got a two two. "
            "But a two to one win; G-C-S fourteen out of fifteen, Power four out of five. Predicted "
            "A star A A and D star D star D star.",
        ),
    ],
    "oil grades, standards, powers, tenors, spreads, quarters of a year, revision dates, multiples": [
        (
            "SAE 5W-30 oil; ISO 9001:2015; R^2 = 0.91; 6.674×10−11 kg; the 3m EURIBOR and UST 10Y "
            "at 4.28%; Spread: T+120; Q4/24 results; Form W-4 (Rev. Dec. 2024); leverage 4.5x–5.0x.",
            "S-A-E five W thirty oil; eye so nine thousand one, twenty fifteen; R squared equals "
            "zero point nine one; six point six seven four times ten to the power of minus eleven "
            "kilograms; the three-month Euribor and U-S-T ten-year at four point two eight percent; "
            "Spread: T plus one hundred twenty; Q four twenty four results; Form W-four (revised "
            "December twenty twenty four); leverage four point five times to five point zero times.",
            "S-A-E five W thirty oil; eye so nine thousand and one, twenty fifteen; R squared "
            "equals zero point nine one; six point six seven four times ten to the power of minus "
            "eleven kilograms; the three-month Euribor and U-S-T ten-year at four point two eight "
            "percent; Spread: T plus one hundred and twenty; Q four twenty four results; Form "
            "W-four (revised December twenty twenty four); leverage four point five times to five "
            "point zero times.",
        ),
    ],
    "menu paths, days sharing a month, hours before a noun, doses by route, degrees among degrees": [
        (
            "Go to Settings > General > About (but Quality > Quantity). From 2nd to 13th December; "
            "on 24 & 25 December (but pages 4 to 7 May be short). A 24hr garage, free 2hr parking. "
            "Cefazolin 2 g IV q8h. BA (Hons) English, MA, PhD. Incl. breakfast; Y6 SATs; call 1800 "
            "123 456.",
            "Go to Settings, then General, then About (but Quality > Quantity). From December "
            "second to thirteenth; on December twenty fourth and twenty fifth (but pages four to "
            "May seventh be short). A twenty four hour garage, free two hour parking. Cefazolin two "
            "grams I-V every eight hours. B-A (Honours) English, M-A, PhD. Including breakfast; "
            "Year six SATs; call one eight hundred, one two three, four five six.",
            "Go to Settings, then General, then About (but Quality > Quantity). From the second to "
            "the thirteenth of December; on the twenty fourth and the twenty fifth of December (but "
            "pages four to the seventh of May be short). A twenty four hour garage, free two hour "
            "parking. Cefazolin two grams I-V every eight hours. B-A (Honours) English, M-A, PhD. "
            "Including breakfast; Year six SATs; call one eight hundred, one two three, four five "
            "six.",
        ),
    ],
    "units of electronics and science, amps, a lap's marks, trillions, water's centimetres": [
        (
            "Max current 2.5 A (but Flat 2.5 A); a 100 Ah battery, 10 µF, 200 MΩ, 200 GPa, 1.54 Å, "
            "55 kDa, 12 TFLOPS; PEEP 8 cm H2O; pole with a 1'29.708; lap time: 1m29.708s (but "
            "6'10.5); trained on 15T tokens.",
            "Max current two point five amps (but Flat two point five A); a one hundred amp hour "
            "battery, ten microfarads, two hundred megohms, two hundred gigapascals, one point five "
            "four angstroms, fifty five kilodaltons, twelve teraflops; Peep eight centimeters of "
            "water; pole with a one twenty nine point seven oh eight; lap time: one minute twenty "
            "nine point seven zero eight seconds (but six'ten point five); trained on fifteen "
            "trillion tokens.",
            "Max current two point five amps (but Flat two point five A); a one hundred amp hour "
            "battery, ten microfarads, two hundred megohms, two hundred gigapascals, one point five "
            "four angstroms, fifty five kilodaltons, twelve teraflops; Peep eight centimetres of "
            "water; pole with a one twenty nine point seven oh eight; lap time: one minute twenty "
            "nine point seven zero eight seconds (but six'ten point five); trained on fifteen "
            "trillion tokens.",
        ),
    ],
    "law reports, acts of the EU, a tax code's subsections and plans, New Taiwan dollars, bills": [
        (
            "Chevron U.S.A. Inc. v. NRDC (2d Cir. 2021); 123 F.3d 456; Regulation (EU) 2016/679 and "
            "Directive 2014/65/EU; § 501(c)(3); a 1031 exchange and a 529 plan; NT$4.5bn; Amt. Due; "
            "£425,000 OIRO; 250mg/5ml.",
            "Chevron USA Incorporated versus NRDC (second Circuit twenty twenty one); one twenty "
            "three F third four fifty six; Regulation (E-U) twenty sixteen slash six seven nine and "
            "Directive twenty fourteen slash sixty five slash E-U; section five oh one C three; a "
            "ten thirty one exchange and a five twenty nine plan; four point five billion New "
            "Taiwan dollars; Amount Due; four hundred twenty five thousand pounds offers in the "
            "region of; two hundred fifty milligrams per five milliliters.",
            "Chevron USA Incorporated versus NRDC (second Circuit twenty twenty one); one twenty "
            "three F third four fifty six; Regulation (E-U) twenty sixteen slash six seven nine and "
            "Directive twenty fourteen slash sixty five slash E-U; section five oh one C three; a "
            "ten thirty one exchange and a five twenty nine plan; four point five billion New "
            "Taiwan dollars; Amount Due; four hundred and twenty five thousand pounds offers in the "
            "region of; two hundred and fifty milligrams per five millilitres.",
        ),
    ],
    "a bookmaker, each-way, full time after a side, emoji as nouns, near, school years, PIN codes": [
        (
            "Best price 7/2 with Bet365; a £5 e/w bet; FT: Spurs 2-2 Villa. Drop a 🔥 and hit the 🔔! "
            "(but Sure! 😊) Nr Oxford; Yrs 12 & 13; bank hols; PIN code: 560034; Mumbai - 400 001 "
            "(but Sales 600 028 units).",
            "Best price seven to two with Bet three six five; a five pound each-way bet; full time: "
            "Spurs two to two Villa. Drop a fire and hit the bell! (but Sure! ) near Oxford; Years "
            "twelve and thirteen; bank holidays; pin code: five six zero, zero three four; Mumbai - "
            "four zero zero, zero zero one (but Sales six hundred thousand twenty eight units).",
            "Best price seven to two with Bet three six five; a five pound each-way bet; full time: "
            "Spurs two two Villa. Drop a fire and hit the bell! (but Sure! ) near Oxford; Years "
            "twelve and thirteen; bank holidays; pin code: five six oh, oh three four; Mumbai - "
            "four oh oh, oh oh one (but Sales six hundred thousand and twenty eight units).",
        ),
    ],
}
CASES = [(cat, *case) for cat, cases in CATEGORIES.items() for case in cases]


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_each_category_reads_by_region(category: str) -> None:
    # a number's last "-teen" is written "eight-teen" for the voice (test_teens_are_written_for_the_voice);
    # the tables give the words
    def words(text: str, reading: str) -> str:
        spoken = re.sub(r"\b(thir|four|fif|six|seven|eigh|nine)t?-teen", r"\1teen", normalize(text, reading).spoken)
        return " ".join(spoken.split())

    for text, us, gb in CATEGORIES[category]:
        assert words(text, "en-US") == us, text
        assert words(text, "en_GB") == gb, text


def test_readings_padded_against_each_other_leave_one_space() -> None:
    """A reading glued to letters gets spaces ("3x8": three by eight); two such side by side get one."""
    for text in ("Squat 3x8 at 185 lbs", "Call (555) 123-4567 x89 now", "A 3 x 4 grid", "Ask for ext. 204 or 2x"):
        spoken = normalize(text, "en-US").spoken
        assert "  " not in spoken, spoken


def test_a_dash_joins_month_day_dates() -> None:
    """American month/day dates found by the fraction rule join by "to" like other dates; a British reading
    takes the order the first date shows (a day over twelve after the slash), for both ends."""
    spoken = normalize("The event runs 10/15-10/17 at booth #204.", "en-US").spoken
    assert spoken == "The event runs October fif-teenth to October seven-teenth at booth number two hundred four."
    spoken = normalize("The event runs 10/15-10/17.", "en-GB").spoken
    assert spoken == "The event runs the fif-teenth of October to the seven-teenth of October."
    assert normalize("Serves 3/4-1 cup", "en-US").spoken.startswith("Serves three quarters")
    # two dates of one month, the later day after a dash, in each region's order (not "1/4-1/2", fractions)
    assert normalize("Week of 6/10–6/14.", "en-US").spoken == "Week of June tenth to June four-teenth."
    assert normalize("Week of 10/6–14/6.", "en-GB").spoken == "Week of the tenth of June to the four-teenth of June."


def test_teens_are_written_for_the_voice() -> None:
    """A number's last word "eighteen" run on is heard "eighty" ("$1,318.40" as "$1,380.40"): written
    "eight-teen", espeak-ng stresses the "teen". Only the last word; "-ty" numbers and other words stay."""
    n = normalize("Paid $1,318.40 on Nov 14, pages 12-19, 1918, 80 and 15% of 1,913 teens", "en-US")
    assert " ".join(n.spoken.split()) == (
        "Paid one thousand three hundred eight-teen dollars and forty cents on November four-teenth, pages "
        "twelve to nine-teen, nineteen eight-teen, eighty and fif-teen percent of one thousand nine hundred "
        "thir-teen teens"
    )
    assert "eight-teen" not in normalize("$1,800 and 1,880 and 18,000", "en-US").spoken


def test_default_reading_is_american_and_regions_fall_back() -> None:
    assert normalize("$412", None).spoken == normalize("$412", "en-US").spoken == "four hundred twelve dollars"
    assert normalize("$412", "en").spoken == "four hundred twelve dollars"
    assert normalize("$412", "en-AU").spoken == "four hundred and twelve dollars"  # reads as British
    assert normalize("$412", "en-XX").spoken == "four hundred twelve dollars"


def test_check_reading_names_the_known_ones() -> None:
    from avatar.errors import InputError
    from avatar.text.normalize import check_reading

    assert check_reading("en_gb") == "en-GB"
    with pytest.raises(InputError, match="unknown reading 'fr-FR'; known readings: en-GB, en-US"):
        check_reading("fr-FR")


def test_a_sentence_stop_after_am_stays_outside_the_time() -> None:
    n = normalize("Leave at 10:30 am. Then 9 a.m. Then 3pm.", "en-US")
    assert [n.original[p.start : p.end] for p in n.changes()] == ["10:30 am", "9 a.m.", "3pm"]
    assert " ".join(n.spoken.split()) == "Leave at ten thirty AM. Then nine AM. Then three PM."


def test_changes_name_their_rule() -> None:
    n = normalize("Pay $5 on 2024-08-07, Dr. Who.", "en-US")
    assert [(n.original[p.start : p.end], p.rule) for p in n.changes()] == [
        ("$5", "money"), ("2024-08-07", "iso_date"), ("Dr.", "doctor_saint")]  # fmt: skip


def test_off_speaks_as_written_but_never_raw_phonemes() -> None:
    n = normalize("It costs $5 [[hɛloʊ]]", enabled=False)
    assert "$5" in n.spoken
    assert "[[" not in n.spoken and "]]" not in n.spoken  # piper would read [[...]] as phonemes


def test_other_language_is_spoken_as_written() -> None:
    assert normalize("Es kostet 5 Euro", "de").spoken == "Es kostet 5 Euro"


def test_words_keep_the_original_span() -> None:
    text = "Dr. Smith paid $100 on 2026-12-01."
    n = normalize(text)
    groups: dict[int, list[str]] = {}
    for w in n.words():
        groups.setdefault(w.group, []).append(text[w.start : w.end])
    shown = [spans[0] for spans in groups.values()]
    assert shown == ["Dr.", "Smith", "paid", "$100", "on", "2026-12-01"]


PROSE = st.lists(
    st.sampled_from(
        [
            *list("abcXY 0123456789.,:;/$%-+@&#'!?\n€½–"),
            "St.",
            "Dr.",
            " am",
            "km",
            "°C",
            "www.",
            "://",
            " Tue.",
            " Sept",
            " VIII",
            " NASA",
            " FBI",
            " sq ft",
            "+44 ",
            " won ",
            " Mon",
        ]
    ),
    max_size=60,
).map("".join)


# Every word, number and sign of the tables' written texts, recombined: each rule's triggers next to any other's
# ("NSW" alone once raised a KeyError in the compass reading, which no single row had shown)
TABLE_TOKENS = sorted(
    {t for _, text, _, _ in CASES for t in re.findall(r"\S+", text)}
    | {t.strip(".,;:()") for _, text, _, _ in CASES for t in re.findall(r"\S+", text)}
)
MIXED = st.lists(st.sampled_from(TABLE_TOKENS), min_size=1, max_size=12).map(" ".join) | st.lists(
    st.sampled_from(TABLE_TOKENS), min_size=1, max_size=6
).map("".join)


def _reads_whole(text: str) -> None:
    for reading in ("en-US", "en-GB"):
        n = normalize(text, reading)
        assert "".join(text[p.start : p.end] for p in n.pieces) == text
        assert not re.search(r"[0-9]", n.spoken), (text, n.spoken)


def test_each_of_the_tables_words_reads_alone_and_beside_the_next() -> None:
    for i, token in enumerate(TABLE_TOKENS):
        _reads_whole(token)
        _reads_whole(f"{token} {TABLE_TOKENS[(i * 7919) % len(TABLE_TOKENS)]}")


@given(MIXED)
def test_any_mix_of_the_tables_words_reads_in_both_regions(text: str) -> None:
    _reads_whole(text)


@given(PROSE)
def test_pieces_tile_the_original(text: str) -> None:
    n = normalize(text)
    at = 0
    for p in n.pieces:
        assert p.start == at and p.end >= p.start
        if p.verbatim:
            assert p.spoken == text[p.start : p.end]
        at = p.end
    assert at == len(text)


# characters that are digits to str.isdigit() or \d but that int() refuses or reads otherwise: circled,
# superscript, Arabic-Indic, Devanagari, Roman numeral signs, vulgar fractions
DIGIT_LIKE = st.lists(
    st.one_of(
        st.sampled_from(["①", "⑫", "²", "³", "٣", "१२", "Ⅻ", "½", "⅞", "ﬁ", "\u200b", "www.", "http://", "@", "+44 "]),
        st.sampled_from(list("abc 019.,:/-$%")),
    ),
    max_size=30,
).map("".join)


@given(DIGIT_LIKE)
def test_digit_like_characters_never_break_the_reading(text: str) -> None:
    # "www.noon① +44@ (" raised ValueError from int("①") in the URL reading ("①".isdigit() is True)
    n = normalize(text)
    assert "".join(text[p.start : p.end] for p in n.pieces) == text
    assert isinstance(n.spoken, str)


@given(PROSE)
def test_no_digit_sequence_is_dropped_and_all_is_speakable(text: str) -> None:
    n = normalize(text)
    spoken = n.spoken
    assert not re.search(r"[0-9]", spoken), spoken  # every digit became words
    for m in re.finditer(r"[0-9]", text):  # each digit lies in an expansion that says words
        covering = [p for p in n.pieces if p.start <= m.start() < p.end]
        assert len(covering) == 1 and not covering[0].verbatim
        assert re.search(r"[A-Za-z]", covering[0].spoken), (m.group(), covering[0])
    for symbol in "$€%":
        assert symbol not in spoken


@given(PROSE)
def test_word_spans_lie_inside_the_input(text: str) -> None:
    for w in normalize(text).words():
        assert 0 <= w.start < w.end <= len(text)
        assert text[w.start : w.end].strip() == text[w.start : w.end]


PATHOLOGICAL = {
    "a 10,000-digit number": "7" * 10_000,
    "10,000 digits with commas": ",".join(["123"] * 2_500),
    "one 20,000-letter word": "a" * 20_000,
    "an e-mail-like run without @": "a." * 10_000,
    "dots and digits": "1." * 10_000,
    "hyphens and digits": "1-" * 10_000,
    "slashes and digits": "1/" * 10_000,
    "capitals": "ABC " * 5_000,
    "colons": "12:" * 7_000,
    "an endless URL": "https://" + "a/" * 10_000,
    "plus signs": "+1 " * 7_000,
    "lone capital As": "A " * 10_000,
    "asterisks": "*a" * 10_000,
    "initials": "J. " * 7_000,
    "emoji": "😊a👋🏽" * 5_000,
    "a run of scores": "won " + "6-4, " * 4_500,
    "a size of many sides": "2 m x " * 3_500,
    "digits grouped by spaces, never ending": "123 " * 5_000 + "5",
}


# Runs of one piece, where a pattern that starts again inside the run would look along the rest of it each time
RUNS = {"crowns": "in Oslo 60 kr., ", "price levels": "Ko ($$), ", "cards": "Card 4111 1111 ",
        "international groups": "+254 712 345 678, ", "spaced dashes between kinds": "Edition – 1TB – ",
        "furlongs": "over 2m 4f, ", "plain formulas": "NaHCO3 and ", "glued durations": "3m30s, ",
        "comma groups": "123,", "space groups": "123 ", "thin-space groups": "1\u202f000\u202f", "scores": "6-4, ",
        "sizes": "2 m x ", "letters compared": "A > B ", "scores between sides": "Chelsea 2-0 ",
        "tickers": "AAPL ", "shares after counts": "5/9 (55.6%) ", "spans of years": "Between 1939 and ",
        "dates after a date": "12/24 to 1/2 ", "identifiers": "SKU 48213 ", "status codes": "HTTP 404 ",
        "a measure's dimension": "a 10 m tall ", "spans of clock times": "0800-1700 hrs ", "hex": "0x1F ",
        "MAC addresses": "00:1A:2B:3C:4D:5E ",
        "records": "The Chiefs (11-2) went 11-2 this year, ", "scientific notation": "3e8 m/s, 1.6E-19, ",
        "ranges of sizes": "XS-XXL, S-3XL, ", "packs and overtime": "a 2 pk. box won in OT, ",
        "marks after numbers": "made 45* (31 balls), $5.99* today, ",
        "ratings and series": "rated 4.5/5 and 9/10, 30/60/90 days, ", "speeds that describe": "60 mph winds, ",
        "forces": "pulled 9g, ", "seasons": "the 2019-20 season, ",
        "quarters written first": "in 2Q, 1Q24, 3QFY25, ", "mail marks": "Re: your order, FW: notes ",
        "digits counted": "two 9s and three 6s, ", "bowling figures": "bowled 4/23 in 10 overs, ",
        "signs of money": "save $$$ now ⬇️ ",
        "rates that describe": "a 5 mg/mL solution, ",
        "initials after small words": "and J. Doe ", "ranges of inch marks": '13"-15" ',
        "spans of letters": "rows A–F; G–M, ", "gas marks": "200C/gas 6, ", "directions": "2 mi. E on ",
        "days by letter": "M-Th 9-9, ", "codes after #": "#2024-00173 ", "secrets": "PIN is 4821; ",
        "percentage points": "by 0.25pp, ", "spans of ordinals": "1st–3rd, ",
        "a text's own date order": "Fri. 11/15 and 11/12, ", "forecasts": "Mon: Sunny, H 72°, ",
        "decades in a list": "20s, 30s and ", "dates after a time": "11:59 PM PST 12/2; ",
        "directions after a stop": "5 mi. N. of ", "ranges before a noun": "a 2-3 hr hike, ",
        "pages in Roman numerals": "pp. iv-xii, ", "pages following": "pp. 33ff. and ",
        "a scale before a code": "2.5M GBP, ", "states that are words": "in Gary, IN, ",
        "what a weight holds": "200 g flour, ", "a party": "Sen. Lee (D), ", "service numbers": "911, 999 or ",
        "a count for a price": "2/$5, ", "cents before dollars": "5.50 dollars, ",
        "a named day": "birthday is 12/25, ", "at between figures": "4K@60fps, ", "per a volume": "10 mg/mL, ",
        "ratios of parts": "3:2:1, ", "race times on the hour": "1:00:05, ",
        "a section's number": "Sec. 12-104, ", "no before a measure": "no 3.5mm jack, ",
        "per a span": "8 caps/24 h, ", "scaled units": "3 million km², ", "equals": "E=mc², a²+b²=c², ",
        "money before a name": "a $15M Series A, ", "catalogue numbers": "BWV 1007, ",
        "a time after a year": "10/31/24 11:59 PM, ", "qty. and n/a": "qty. 12 ea., n/a, ",
        "numerals listed": "Chapters IV-VI, Parts II and III, ", "parts written short": "Vols. II-III, Chs. 6-8, ",
        "identifiers in groups": "SKU-4471-B, 2024-CV-01234, ", "a ZIP code by name": "My ZIP is 90210; ",
        "hashtags in words": "#TalkingHeads #AI2024 ", "names with a plus": "Disney+, C++ and ",
        "millions after what they count": "population is 8.3m, ", "a scale after a code": "EUR 300m, ",
        "units after per": "€22 per m², ", "a date before its noun": "the Mar. 15 deadline, ",
        "a clock to the second": "at 11:59:59 PM, ", "revenue": "Q3 rev. was ",
        "capitals before a clause's end": "met the FBI. An IPO, the APR is ",
        "overtime and counts per a unit": "112-104 in OT; 200 copies/mL, ",
        "capitals glued to a number": "FY24 NO2 RX7900 ", "formulas": "CO₂ and C₆H₁₂O₆, ",
        "a recipe's sizes and bottles": "2 lg eggs, 1 btl. wine, ", "prices per person": "€15 p.p., $12/pp, ",
        "home runs and heart rates": "his 50th HR, HR 72 bpm, ", "a day after p.m.": "5 p.m. Dec. 31, ",
        "years before a noun": "Apple's 2024 revenue, the 1918 flu, ", "lives": "Bede (673–735), ",
        "clocks with dots": "doors open at 6.30, ", "whole hours": "10:00-18:00, ", "titles": "Prof Brian Cox, ",
        "codes in groups": "Your code is 482 913. ", "domains in capitals": "AcmeWidgets.com, ",
        "plurals of numbers": "the 90's, 6 4s, ", "prices per thing": "$5/pint, $1.99/ea. ",
        "spoons": "1 T. butter, 1 t. salt, ", "days in a list": "Mon/Wed/Fri, ",
        "to the present": "1930-present, ", "signs after a loss": "lost -$5m (-7pp), $-3,000, ",
        "pi and copyright": "πr², © 2024, ", "tries": "shot 8/14 from 3PT range, ",
        "a name's number": "Fahrenheit 451 is, ", "money ranges in millions": "$8-12m, ",
        "months written short": "from Jan to Apr, Mon thru Fri, ", "clock hours": "curfew is 2300 hours, ",
        "Indian amounts": "Rs. 7.99 lakh, ₹12 LPA, Rs.500/-, ", "counts with x": "10 x burpees, ",
        "addresses written short": "Cnr King & Queen Sts, 3/45 George St, NY, NY 10118, ",
        "sizes in a series": "64/128/256 GB, 8/16 GB, ", "minutes and seconds": "6'17\" 1m 23.4s ",
        "millions of a unit": "6.1m km, ", "rates per a power of ten": "15.6/100,000, ", "typed arrows": "45 -> 40, ",
        "dotted clocks listed": "at 10.00, 11.30, ", "hour ranges with minutes": "7.30–9pm, ", "pence": "145.9p, ",
        "days either side of a slash": "30/31 March, ", "verses without a dot": "Phil 4:4-7, ",
        "degrees and a hemisphere": "27.47°S, ", "tax plans": "401k, ", "ratios with decimals": "1:0.95, ",
        "runways": "runway 27L, ", "more of a unit": "200+ km, ", "clocks in a zone": "(0100 GMT) ",
        "a month and its year": "reg. 03/2016, ", "superscripts after a capital": "R² = 0.62, ",
        "streets after a direction": "220 W. Main St. Tickets ", "stores' numbers": "Walgreens #7731, ",
        "gold": "14K gold, ", "a month's full stop": "15 March. 73,000 came; ",
        "a change's plus": "(+13.6%) ", "series of values": "8/16/32 GB, 11/12/13/14, ",
        "headings": "Est. Completion Date: ", "race times with a fraction": "1:42:37.891, ",
        "laboratory units": "5.8 mEq/L, 0.5 mL/kg/h, ", "numbers written whole": "Call 9876543210. ",
        "versus between numbers": "7 v 2, 1st v 2nd, ", "keycaps and names": "3️⃣ u/techguy42 r/buildapc ",
        "match play": "won 3&2, ", "plurals side by side": "9s and 8s, ", "comparisons glued": "p<0.001, eGFR<30, ",
        "links with a path": "amzn.to/3Kp youtu.be/x ", "an innings": "Australia 211/4, lead by 98. ",
        "tennis sets": "won 6-3, 6-4, 7-6(5) ", "model numbers": "the 4090 vs the RTX 3070, ",
        "a betting card": "Arsenal 9/4, the draw 3/1, ", "menus": "Settings > General > ", "tenors": "UST 10Y, 5y5y, ",
        "days sharing a month": "from 2nd to 13th December, ", "oil and standards": "5W-30, ISO 9001:2015, ",
        "grades with stars": "A*AA, D*D*D*, ", "wins and losses": "28W-12L, ",
        "quarters": "Q4/24, H1/2025, ", "laps with marks": "1'29.708, 1m29.708s, ", "EU acts": "Directive 2014/65/EU, ",
        "law reports": "Inc. v. NRDC (2d Cir. 2021), ", "postal codes in India": "Mumbai - 400 001, ",
        "phone numbers whole": "Tel: +91-9876543210, ", "emoji as nouns": "hit the 🔔 and a 🔥, "}  # fmt: skip


@pytest.mark.parametrize("unit", list(RUNS.values()), ids=list(RUNS))
def test_work_grows_as_the_text_grows(unit: str) -> None:
    """Four times the text takes about four times the CPU, not the sixteen of work quadratic in it (the ordinal
    rule once started inside a run of comma groups: 40,000 characters took 1.6 s). The text is ten and forty
    thousand characters, short enough that a quadratic rule stays under the 2 s bound above."""
    import time

    def cost(chars: int) -> float:
        text = unit * (chars // len(unit))
        t0 = time.process_time()
        normalize(text, "en-US")
        return time.process_time() - t0

    small, large = cost(10_000), cost(40_000)
    for _ in range(2):  # over the bound once: the best of three of each decides (a busy machine's noise)
        if large < 8 * small + 0.02:
            break
        small, large = min(small, cost(10_000)), min(large, cost(40_000))
    assert large < 8 * small + 0.02, f"{large:.3f} s for 4x the text against {small:.3f} s"


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_bounded_work_on_pathological_text(name: str) -> None:
    """Each is 20,000 characters or so, five times the HTTP limit; linear work reads it in well under a
    second (``python benchmarks/bench_fidelity.py --normalizer`` times them at 50,000)."""
    import time

    text = PATHOLOGICAL[name]
    t0 = time.process_time()  # CPU time: the shared test machine's load does not count
    n = normalize(text, "en-US")
    elapsed = time.process_time() - t0
    assert not re.search(r"[0-9]", n.spoken)
    assert elapsed < 2.0, f"{name}: {elapsed:.2f} s"
