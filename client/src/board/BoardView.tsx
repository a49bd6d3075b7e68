import { useState } from 'react';
import type * as Y from 'yjs';
import { addCard, readCards, type Card } from '@plenum/shared/board-doc';
import type { Phase } from '@plenum/shared/session-doc';
import { useT } from '../state/ui-store.ts';
import { useDocView } from '../sync/hooks.ts';

// A group's board: the guiding question, one column per prompt, cards.
export function BoardView({ phase, groupName, doc, readOnly }: { phase: Phase; groupName: string; doc: Y.Doc; readOnly: boolean }) {
  const cards = useDocView(doc, readCards) ?? [];
  return (
    <section className="board" aria-labelledby="board-question">
      <p className="board-phase">
        {phase.title} · {groupName}
      </p>
      <h2 id="board-question" className="board-question">
        {phase.question || phase.title}
      </h2>
      <div className="columns">
        {phase.prompts.map((prompt) => (
          <Column
            key={prompt.id}
            id={prompt.id}
            title={prompt.text}
            cards={cards.filter((c) => c.columnId === prompt.id)}
            doc={doc}
            readOnly={readOnly}
          />
        ))}
      </div>
    </section>
  );
}

function Column({ id, title, cards, doc, readOnly }: { id: string; title: string; cards: Card[]; doc: Y.Doc; readOnly: boolean }) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const headingId = `column-${id}`;
  return (
    <section className="column" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {!readOnly && (
        <textarea
          className="card-input"
          aria-label={`${t('field.text')}: ${title}`}
          value={draft}
          rows={2}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              if (draft.trim()) {
                addCard(doc, { columnId: id, text: draft });
                setDraft('');
              }
            }
          }}
        />
      )}
      <ul className="cards">
        {cards.map((card) => (
          <li key={card.id} className={`card card-${card.color}`}>
            {card.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
