import type { Block, ProtocolTree, Run } from '@plenum/shared/protocol-draft/tree';

// Renders the neutral protocol tree as the page's own elements (never as
// HTML markup: card texts stay text). The draft's heading levels start at 1
// for its title; on this page they sit under the view's heading (h2), so
// they move down by two.

const TAGS = { 1: 'h3', 2: 'h4', 3: 'h5', 4: 'h6' } as const;

export function ProtocolPreview({ tree, labelledBy }: { tree: ProtocolTree; labelledBy: string }) {
  return (
    <article className="protocol-preview" aria-labelledby={labelledBy} lang={tree.lang} data-testid="protocol-preview">
      {tree.blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </article>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'heading': {
      const Tag = TAGS[block.level];
      return <Tag>{block.text}</Tag>;
    }
    case 'paragraph':
      return (
        <p>
          <Runs runs={block.runs} />
        </p>
      );
    case 'list':
      return (
        <ul>
          {block.items.map((runs, i) => (
            <li key={i}>
              <Runs runs={runs} />
            </li>
          ))}
        </ul>
      );
  }
}

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        const lines = run.text.split('\n').flatMap((line, j) => (j === 0 ? [line] : [<br key={`br${j}`} />, line]));
        if (run.emphasis === 'strong') return <strong key={i}>{lines}</strong>;
        if (run.emphasis === 'em') return <em key={i}>{lines}</em>;
        return <span key={i}>{lines}</span>;
      })}
    </>
  );
}
