import { describe, expect, it } from 'vitest';
import { namesAbsent, unrelatedToPassages } from './names-absent.js';

const passage = (text: string, title = 'Islamism') => ({ title, text });

describe('namesAbsent', () => {
  it('names a name of the question that no passage mentions', () => {
    const passages = [
      passage('For some decades prior to the First Palestine Intifada in 1987, the Muslim Brotherhood in Palestine took a "quiescent" stance towards Israel.'),
      passage('Hamas was founded in 1987 as an offshoot of the Brotherhood.'),
    ];
    expect(namesAbsent('Until 1987, what stance did the Muslim Brotherhood in Iraq take towards Israel?', passages)).toEqual(['Iraq']);
    expect(namesAbsent('Until 1987, what stance did the Muslim Brotherhood in Palestine take towards Israel?', passages)).toEqual([]);
  });

  it('reads the names answerable questions reword as present', () => {
    const passages = [
      passage('After World War II, the Soviet Union installed socialist regimes in lands of the old Russian Empire.', 'Imperialism'),
      passage('France fought and lost a bitter war in Vietnam in the 1950s. Bismarck was influenced by Hamburg merchants.'),
      passage('LeGrande wrote that civil disobedience is hard to define; the Ottoman Empire allied with Germany; students live in dorms.'),
      passage('Edward Said made a bold statement on modern imperialism in the United States.'),
    ];
    for (const q of [
      'After WW-II where did Russia install its regimes?', // "World War II"; "Russia" / "Russian"
      "Where did France lose a war in the 1950's?",
      'Who influenced Bismark besides his neighbors?', // one letter of typing
      'Who does Edward Said say is being attacked by US imperialism?', // acronyms are not looked for
      'In what year did the USSR fall apart?',
      'Unsurprisingly, what did the war fail to produce?', // a capitalised first word is no name
      'Who was made rich before World War 2?', // numbers are number-mismatch.ts's
      'How many dorms house Jr and Sr students in the 1600s?',
      'Who did the Ottoman empire ally with in WW I?',
      'What did Le Grande write about disobedience?',
    ]) expect(namesAbsent(q, passages), q).toEqual([]);
  });

  it('reads the titles, authors and publishers of the passages', () => {
    const passages = [{ title: 'Russia ties with the Axis of Resistance', authors: ['Emil Avdaliani'], publisher: 'The Jamestown Foundation', text: 'Moscow has expanded its contacts.' }];
    expect(namesAbsent('What does Avdaliani write about Jamestown readers in Russia?', passages)).toEqual([]);
    expect(namesAbsent('What did China say about the Axis of Resistance?', passages)).toEqual(['China']);
  });
});

describe('unrelatedToPassages', () => {
  const passages = [
    passage('Soleimani tours battlefields across Iraq and Syria, tasking Hezbollah commanders with advice-train-assist missions, thanks to his rank.', 'Russia and Iran converge'),
    passage('The delegation that met him included Defense Minister Sergei Shoigu.', 'Russia and Iran converge'),
  ];

  it('is true for a greeting, a string of letters, a request the passages have no word of', () => {
    for (const q of ['hello', 'asdf qwer zxcv', 'Tell me a joke', 'What is it?', 'thanks!', 'Ok, great, thank you']) expect([q, unrelatedToPassages(q, passages)]).toEqual([q, true]);
  });

  it('is false when a word of the question is in the passages, loosely as names are', () => {
    for (const q of ['Who toured the battlefield?', 'What did the Iranian delegation want?', 'Who is Soleimanis ally?', 'Who met him?', 'What did Shoigu do in Russia?']) {
      expect([q, unrelatedToPassages(q, passages)]).toEqual([q, false]);
    }
  });
});
