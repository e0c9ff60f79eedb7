/**
 * A thin React wrapper over a CodeMirror 6 editor (created once, props diffed in): SQL
 * highlighting, completion of the loaded tables and their columns, undo history, and
 * Ctrl/Cmd+Enter to run the selection (or everything when nothing is selected).
 */
import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';

export interface SqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Runs the given text: the selection, or the whole query. */
  onRun: (text: string) => void;
  /** Tables and their columns, for completion. */
  schema: Record<string, string[]>;
  label: string;
  placeholderText: string;
}

export function SqlEditor({ value, onChange, onRun, schema, label, placeholderText }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    const runKey = (target: EditorView) => {
      const { from, to } = target.state.selection.main;
      const selected = target.state.sliceDoc(from, to);
      callbacks.current.onRun(selected.trim() ? selected : target.state.doc.toString());
      return true;
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          autocompletion(),
          syntaxHighlighting(defaultHighlightStyle),
          language.current.of(sql({ dialect: PostgreSQL, schema: schema as SQLNamespace, upperCaseKeywords: true })),
          keymap.of([{ key: 'Mod-Enter', run: runKey, preventDefault: true }, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
          placeholder(placeholderText),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'sql-editor', spellcheck: 'false' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once; value, schema and label changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: PostgreSQL, schema: schema as SQLNamespace, upperCaseKeywords: true })) });
  }, [schema]);

  return <div ref={host} className="sql-editor" />;
}
